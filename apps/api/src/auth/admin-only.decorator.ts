import { SetMetadata } from '@nestjs/common';

export const ADMIN_ONLY = 'adminOnly';

/** Marks a route that changes queues (a job retry): only keys from ADMIN_API_KEYS pass the API-key guard; others get 403. */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);
