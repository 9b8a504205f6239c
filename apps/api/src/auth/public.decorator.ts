import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';

/** Marks a route as open (health, metrics): the API-key guard lets it through. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
