import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { toStrictInteger } from './query-transforms';

export const MAX_PAGE_SIZE = 500;

/**
 * The paging every list endpoint takes: `limit` (1…500, the endpoint's own
 * default) and the opaque `cursor` of the previous page. Neither carries an
 * OpenAPI example: Swagger UI's "Try it out" would send an example cursor and
 * get a 400 for it.
 */
export function PageQuery(defaultLimit: number, limitDescription = 'Page size.') {
  class PageQueryFields {
    @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: defaultLimit, description: limitDescription })
    @IsOptional()
    @Transform(toStrictInteger)
    @IsInt()
    @Min(1)
    @Max(MAX_PAGE_SIZE)
    limit?: number;

    @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page; opaque.' })
    @IsOptional()
    @IsString()
    @IsNotEmpty()
    @MaxLength(200)
    cursor?: string;
  }
  return PageQueryFields;
}
