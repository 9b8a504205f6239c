import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Channel, CHANNELS, ORDER_STATUSES, OrderStatus } from '@app/orders';

export const MAX_PAGE_SIZE = 500;

/** Only the literal strings "true"/"false" become booleans; anything else fails validation. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListOrdersQuery {
  @ApiPropertyOptional({ enum: CHANNELS, description: 'Only orders from this channel.', example: 'joom' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ enum: ORDER_STATUSES, description: 'Only orders in this canonical status.', example: 'ready' })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only orders flagged for a human; false: only unflagged ones.', example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  attention?: boolean;

  @ApiPropertyOptional({ description: 'ISO-8601 time: only orders updated at or after it.', example: '2024-05-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  updatedSince?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50, description: 'Page size.', example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page; opaque.', example: 'MDAxNzE0NTYwMDAwMDAwOm9yZF8wYjFj' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class ChannelOrderQuery {
  @ApiPropertyOptional({ description: 'The channel account; defaults to the configured one.', example: 'main' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  account?: string;
}
