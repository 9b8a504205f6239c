import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, ORDER_STATUSES } from '@app/orders';
import { DRIFT_KINDS } from '../drift.types';

/* Response shapes for Swagger; DriftReport returns exactly these. */

export class DriftItemDto {
  @ApiProperty({ example: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d' })
  orderId: string;
  @ApiProperty({ enum: CHANNELS, example: 'joom' })
  channel: string;
  @ApiProperty({ example: '66f2a1c0e4b0a7d1c2f3e4a5' })
  externalId: string;
  @ApiProperty({
    enum: DRIFT_KINDS,
    description:
      '`flexport_shipped_not_on_channel`: Flexport shipped a Joom order whose tracking was never pushed to Joom; ' +
      "`provider_ahead`: Flexport's status is further along than the order's (or Flexport cancelled an order still fulfilling); " +
      "`channel_behind` / `channel_ahead`: the channel's last seen status is behind / ahead of the order's.",
    example: 'flexport_shipped_not_on_channel',
  })
  kind: string;
  @ApiProperty({ enum: ORDER_STATUSES, example: 'shipped' })
  canonicalStatus: string;
  @ApiProperty({ description: "The remote system's raw status (Flexport `internalStatus`, or the channel's own value).", example: 'SHIPPED' })
  remoteStatus: string;
  @ApiProperty({ example: 'Flexport reports SHIPPED but the tracking was never pushed to Joom, so Joom does not show the shipment.' })
  detail: string;
  @ApiProperty({ description: "The order's last change (`updatedAt`): the drift is at most this old.", example: '2024-05-02T14:05:00.000Z' })
  since: string;
}

export class DriftPageDto {
  @ApiProperty({ type: [DriftItemDto] })
  items: DriftItemDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` to continue; null once every order was examined. A page may be short, even empty, and still have one.',
    example: 'MDAxNzE0NTYwMDAwMDAwOm9yZF8wYjFj',
  })
  nextCursor: string | null;
  @ApiProperty({ type: 'integer', description: 'Orders this request examined (at most 5,000).', example: 5000 })
  scanned: number;
}
