import { ApiProperty } from '@nestjs/swagger';
import { ATTENTION_CODES, CHANNELS, ORDER_STATUSES } from '@app/orders';

export class AttentionOrderDto {
  @ApiProperty({ example: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d' })
  id: string;
  @ApiProperty({ enum: CHANNELS, example: 'joom' })
  channel: string;
  @ApiProperty({ example: '64f1c2d3e4a5b6c7d8e9f001' })
  externalId: string;
  @ApiProperty({ enum: ORDER_STATUSES, example: 'ready' })
  status: string;
  @ApiProperty({ description: 'When the flag was raised.', example: '2026-12-07T09:12:44.120Z' })
  since: string;
  @ApiProperty({ description: "The flag's message, on one line (at most 200 characters).", example: 'carrier "Yurtiçi" is not on Joom\'s accepted list' })
  reason: string;
}

export class AttentionCodeDto {
  @ApiProperty({ enum: ATTENTION_CODES, example: 'carrier_unmapped' })
  code: string;
  @ApiProperty({ type: 'integer', example: 3 })
  count: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Orders with this flag per channel.', example: { joom: 3 } })
  byChannel: Record<string, number>;
  @ApiProperty({ description: 'What resolves it.', example: 'map the carrier (JOOM_CARRIER_MAP) or use a carrier on the channel’s list, then retry' })
  action: string;
  @ApiProperty({ type: [AttentionOrderDto], description: 'The oldest flags of this code (up to 5), oldest first.' })
  oldest: AttentionOrderDto[];
}

export class AttentionReportDto {
  @ApiProperty({ type: 'integer', description: 'Orders flagged now.', example: 3 })
  total: number;
  @ApiProperty({ description: 'False when more orders are flagged than one report reads (10,000): the counts are then lower bounds.', example: true })
  complete: boolean;
  @ApiProperty({ type: [AttentionCodeDto], description: 'One entry per code that some order carries, in the documented order of codes.' })
  codes: AttentionCodeDto[];
}
