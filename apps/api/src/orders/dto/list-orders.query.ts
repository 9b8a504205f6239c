import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsSingleLineText } from '@app/common';
import { ACCOUNT_ID } from '@app/config';
import { ATTENTION_CODES, AttentionCode, Channel, CHANNELS, ORDER_STATUSES, OrderStatus } from '@app/orders';
import { PageQuery } from '../../http/page-query';
import { toBoolean } from '../../http/query-transforms';

/** Filters of `GET /v1/orders` (no OpenAPI examples: Swagger UI's "Try it out" would send them as filters). */
export class ListOrdersQuery extends PageQuery(50) {
  @ApiPropertyOptional({ enum: CHANNELS, description: 'Only orders from this channel.' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({
    pattern: ACCOUNT_ID.source,
    description:
      'Only orders synced from this account (`main` is the environment’s; the others are `ACCOUNTS_FILE`’s). With `channel`, an account of that channel; ' +
      'without, the orders of every channel’s account of that id. An account the gateway does not have: 400.',
  })
  @IsOptional()
  @Matches(ACCOUNT_ID, { message: `account must match ${ACCOUNT_ID.source} (lower-case letters, digits, dashes; at most 32)` })
  account?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES, description: 'Only orders in this canonical status.' })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({
    enum: ['true', 'false', ...ATTENTION_CODES],
    description: 'true: only orders flagged for a human; false: only unflagged ones; an attention code: only orders flagged with it (see GET /v1/attention).',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false, ...ATTENTION_CODES], { message: `attention must be true, false or an attention code (${ATTENTION_CODES.join(', ')})` })
  attention?: boolean | AttentionCode;

  @ApiPropertyOptional({ description: 'ISO-8601 time, e.g. `2024-05-01T00:00:00Z`: only orders updated at or after it.' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  // ISO 8601 week (`2024-W18-3`) and ordinal (`2024-122`) dates pass the check above but are no time Date.parse reads.
  @Matches(/^\d{4}(-\d{2}(-\d{2}([T ].*)?)?)?$/, { message: 'updatedSince must be a calendar date or date-time, e.g. 2024-05-01T00:00:00Z' })
  updatedSince?: string;
}

export class ChannelOrderQuery {
  @ApiPropertyOptional({ description: 'The channel account; defaults to the configured one.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsSingleLineText()
  account?: string;
}
