import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../http/page-query';
import { toStrictInteger } from '../../http/query-transforms';

/**
 * Paging of `GET /v1/orders/{id}/history`: without `limit` the whole kept
 * history in one answer (at most HISTORY_MAX_ENTRIES_PER_ORDER entries), so
 * a caller that never pages reads what it always read. No OpenAPI examples
 * (Swagger UI's "Try it out" would send them).
 */
export class HistoryQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, description: 'Entries per page; absent: every kept entry from the cursor on.' })
  @IsOptional()
  @Transform(toStrictInteger)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Where the page starts: taken from the previous answer’s `Link: <…>; rel="next"`; opaque.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  cursor?: string;
}
