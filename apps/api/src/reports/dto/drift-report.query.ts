import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';
import { Channel, CHANNELS } from '@app/orders';

export const MAX_DRIFT_PAGE_SIZE = 500;
export const DEFAULT_DRIFT_PAGE_SIZE = 100;

export class DriftReportQuery {
  @ApiPropertyOptional({ enum: CHANNELS, description: 'Only orders from this channel.', example: 'joom' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_DRIFT_PAGE_SIZE,
    default: DEFAULT_DRIFT_PAGE_SIZE,
    description: "Items per page. One order's items are never split across pages.",
    example: 100,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DRIFT_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page; opaque.', example: 'MDAxNzE0NTYwMDAwMDAwOm9yZF8wYjFj' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
