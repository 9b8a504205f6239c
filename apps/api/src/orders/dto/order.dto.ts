import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ATTENTION_CODES, CHANNELS, HOLD_REASONS, HOLD_SOURCES, ORDER_ACTIONS, ORDER_STATUSES, RETURN_OUTCOMES } from '@app/orders';

const BASIS =
  'One basis per channel, so Σ quantity × unitPrice + shipping − discounts = total. Joom v2: what Joom pays the merchant (`cost`, `shipping_cost`, `order_total`); Joom v3: `priceInfo.unitPrice`, `shippingPrice`, `orderPrice`, `discounts.sum`; Akinon: its document\'s item `price` and order amounts. Null when the channel sent no usable value — the order is then flagged `amount_missing` (never "0.00").';

/* Response shapes for Swagger. They document the canonical order exactly as
   OrderPresenter returns it; nothing here is used to accept input. */

export class OrderLineDto {
  @ApiProperty({ description: 'Line id, stable within the order (used by reject `lineIds`).', example: 'l_33a11761' })
  id: string;
  @ApiProperty({ example: '33a11761-43bc-41d4-8f7f-1e860028367b' })
  externalLineId: string;
  @ApiProperty({ example: 'SKU-RED-42' })
  sku: string;
  @ApiProperty({ nullable: true, type: String, example: 'Кроссовки, размер 42' })
  name: string | null;
  @ApiProperty({ type: 'integer', example: 1 })
  quantity: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: `Price of one unit, decimal string. ${BASIS}`,
    example: '629.00',
  })
  unitPrice: string | null;
  @ApiProperty({ enum: ORDER_STATUSES, example: 'ready' })
  status: string;
  @ApiProperty({ nullable: true, type: String, description: "The channel's raw line status.", example: '200' })
  channelStatus: string | null;
}

export class ShippingAddressDto {
  @ApiProperty({ example: 'Zoë Çelik' })
  name: string;
  @ApiProperty({ type: [String], example: ['Bağdat Cd. 12', 'Daire 4'] })
  lines: string[];
  @ApiProperty({ example: 'İstanbul' })
  city: string;
  @ApiProperty({ nullable: true, type: String, example: 'Kadıköy' })
  region: string | null;
  @ApiProperty({ nullable: true, type: String, example: '34710' })
  postalCode: string | null;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2.', example: 'TR' })
  countryCode: string;
  @ApiProperty({ nullable: true, type: String, example: '+905551112233' })
  phone: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'zoe@example.com' })
  email: string | null;
}

export class AddressCorrectionDto {
  @ApiProperty({ example: 'api-key:3f9a1c2b' })
  by: string;
  @ApiProperty({ example: '2024-05-02T09:00:00Z' })
  at: string;
  @ApiProperty({ nullable: true, type: String, description: "The channel's raw-address fingerprint the correction replaced.", example: '5f0c1a9e3b7d4c2a8e6f0b1d2c3a4b5c' })
  channelFingerprint: string | null;
}

/** The order's money: decimal strings, never floats. */
export class MoneyDto {
  @ApiProperty({ nullable: true, type: String, description: 'ISO 4217 code (Joom v2 names none: `JOOM_CURRENCY`, default USD). Null when the channel sent none (`amount_missing`).', example: 'USD' })
  currency: string | null;
  @ApiProperty({ nullable: true, type: String, description: `Order total, decimal string. ${BASIS}`, example: '629.00' })
  total: string | null;
  @ApiProperty({ nullable: true, type: String, description: `Shipping for the whole order (per-unit shipping × quantity), decimal string. ${BASIS}`, example: '0.00' })
  shipping: string | null;
  @ApiProperty({ nullable: true, type: String, description: `Discounts on the order, decimal string ("0.00" where the channel has none). ${BASIS}`, example: '0.00' })
  discounts: string | null;
}

export class ShippingConstraintsDto {
  @ApiProperty({ nullable: true, enum: ['online_only', 'offline_only', 'online_or_offline'], example: 'online_or_offline' })
  requirement: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2024-05-03T00:00:00Z' })
  shipBy: string | null;
  @ApiProperty({ nullable: true, type: String, example: null })
  deliverBy: string | null;
}

export class ShipmentDto {
  @ApiProperty({ example: 'USPS' })
  carrier: string;
  @ApiProperty({ example: '9400111899223847562910' })
  trackingNumber: string;
  @ApiProperty({ nullable: true, type: String, example: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223847562910' })
  trackingUrl: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2024-05-02T14:00:00Z' })
  shippedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: null })
  deliveredAt: string | null;
}

export class FulfillmentDto {
  @ApiProperty({ enum: ['merchant', 'flexport', 'joom_logistics'], example: 'flexport' })
  provider: string;
  @ApiProperty({ nullable: true, type: String, example: '1234567' })
  providerOrderId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'SHIPPED' })
  providerStatus: string | null;
  @ApiProperty({ type: [ShipmentDto] })
  shipments: ShipmentDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When the provider’s tracking was pushed back to the sales channel (Flexport → Joom).', example: '2024-05-02T14:05:00Z' })
  trackingPushedAt?: string | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Flexport: which fulfilment attempt `providerOrderId` belongs to (absent = 1); docs/api-decisions.md FX-1.', example: 2 })
  attempt?: number;
  @ApiPropertyOptional({
    type: () => [FulfillmentPartDto],
    description:
      'Flexport, when the lines went in several Flexport orders (a fulfil naming `lines`): one per Flexport order, oldest first; the fields above then describe the latest, `shipments` every part’s. Absent = one Flexport order.',
  })
  parts?: FulfillmentPartDto[];
}

export class FulfillmentPartDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Its number among the order’s Flexport orders: externalOrderId is the gateway id (1) or `<id>-<n>`.', example: 2 })
  attempt: number;
  @ApiProperty({ example: '1234568' })
  providerOrderId: string;
  @ApiProperty({ nullable: true, type: String, example: 'CREATED' })
  providerStatus: string | null;
  @ApiProperty({ type: [String], description: 'The gateway line ids this Flexport order carries.', example: ['l_33a11761'] })
  lineIds: string[];
  @ApiProperty({ type: [ShipmentDto] })
  shipments: ShipmentDto[];
}

export class LineProgressDto {
  @ApiProperty({ description: 'The lines are not all in one status: `status` is their roll-up and hides a difference (a line rejected, some lines shipped).', example: true })
  partial: boolean;
  @ApiProperty({
    enum: ['unfulfilled', 'partially_fulfilled', 'fulfilled', 'closed'],
    description:
      '`unfulfilled`: no open line taken by a fulfil; `partially_fulfilled`: some open lines sent or shipped, others still to fulfil (`unfulfilledLineIds`); `fulfilled`: every open line sent or shipped (cancelled and rejected lines are not open); `closed`: every line cancelled or rejected.',
    example: 'partially_fulfilled',
  })
  fulfilment: string;
  @ApiProperty({ type: [String], description: 'Open lines no fulfil has taken (pending, on hold, ready): what `fulfill` sends without `lines`, and what `lines` may name.', example: ['l_9c1e0f22'] })
  unfulfilledLineIds: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'Line ids by line status (only the statuses some line has).',
    example: { fulfilling: ['l_33a11761'], ready: ['l_9c1e0f22'], rejected: ['l_5d2b7a40'] },
  })
  linesByStatus: Record<string, string[]>;
}

export class CancellationDto {
  @ApiProperty({ example: 'out_of_stock' })
  reason: string;
  @ApiProperty({ enum: ['merchant', 'customer', 'marketplace', 'gateway'], example: 'merchant' })
  requestedBy: string;
  @ApiProperty({ nullable: true, type: String, example: null })
  note: string | null;
  @ApiProperty({ example: '2024-05-02T09:00:00Z' })
  at: string;
}

export class AttentionDto {
  @ApiProperty({ enum: ATTENTION_CODES, example: 'unmapped_status' })
  code: string;
  @ApiProperty({ example: 'channel status "onHold" is not in the mapping table' })
  message: string;
  @ApiProperty({ example: '2024-05-02T09:00:00Z' })
  since: string;
  @ApiPropertyOptional({ example: { rawStatus: 'onHold' } })
  details?: Record<string, unknown>;
}

export class RoutingRecordDto {
  @ApiProperty({ nullable: true, type: String, description: 'The rule that matched; null when none did.', example: 'joom-to-flexport' })
  rule: string | null;
  @ApiProperty({ enum: ['fulfill', 'hold', 'none'], example: 'fulfill' })
  action: string;
  @ApiProperty({ example: '2024-05-01T10:01:00Z' })
  at: string;
  @ApiPropertyOptional({ description: "The command pipeline's refusal of the rule's fulfil: `<code>: <message>`.", example: 'online_only: …' })
  refused?: string;
}

export class HoldDto {
  @ApiProperty({ example: 'hld_3f9a1c2b7d4e' })
  id: string;
  @ApiProperty({ enum: HOLD_REASONS, example: 'fraud_review' })
  reason: string;
  @ApiProperty({ enum: HOLD_SOURCES, description: '`operator` (POST /v1/orders/{id}/hold), `rule`, or `system` (the gateway’s own, released when its cause is fixed).', example: 'operator' })
  source: string;
  @ApiProperty({ example: 'Billing and shipping country differ; waiting for the payment provider’s check.' })
  note: string;
  @ApiProperty({ description: 'The caller, the rule, or `system`.', example: 'api-key:3f9a1c2b' })
  placedBy: string;
  @ApiProperty({ example: '2024-05-02T09:00:00Z' })
  placedAt: string;
  @ApiPropertyOptional({ description: 'What a system hold rests on.', example: { missing: ['city'] } })
  details?: Record<string, unknown>;
}

export class OrderDto {
  @ApiProperty({ example: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d' })
  id: string;
  @ApiProperty({ enum: CHANNELS, example: 'akinon' })
  channel: string;
  @ApiProperty({ example: 'main' })
  account: string;
  @ApiProperty({ example: 'e819386c-b406-43dc-86c9-212ff633afe2' })
  externalId: string;
  @ApiProperty({ nullable: true, type: String, example: '45243493' })
  externalNumber: string | null;
  @ApiProperty({ enum: ORDER_STATUSES, example: 'ready' })
  status: string;
  @ApiProperty({ description: "The channel's raw status, as received.", example: '200' })
  channelStatus: string;
  @ApiProperty({ type: [OrderLineDto] })
  lines: OrderLineDto[];
  @ApiProperty({ type: ShippingAddressDto, nullable: true })
  shippingAddress: ShippingAddressDto | null;
  @ApiPropertyOptional({ description: "Digest of the channel's raw address as last received (Akinon); a sync with another one replaces a correction.", example: '5f0c1a9e3b7d4c2a8e6f0b1d2c3a4b5c' })
  channelAddressFingerprint?: string;
  @ApiPropertyOptional({ type: AddressCorrectionDto, nullable: true, description: "Set while `shippingAddress` is an operator's correction." })
  addressCorrection?: AddressCorrectionDto | null;
  @ApiProperty({ type: MoneyDto })
  money: MoneyDto;
  @ApiProperty({ type: ShippingConstraintsDto })
  shippingConstraints: ShippingConstraintsDto;
  @ApiProperty({ type: FulfillmentDto, nullable: true })
  fulfillment: FulfillmentDto | null;
  @ApiProperty({ type: CancellationDto, nullable: true })
  cancellation: CancellationDto | null;
  @ApiProperty({ enum: RETURN_OUTCOMES, nullable: true, example: null })
  returnOutcome: string | null;
  @ApiProperty({ type: AttentionDto, nullable: true, description: 'Set when a human must look at the order.' })
  attention: AttentionDto | null;
  @ApiPropertyOptional({ type: RoutingRecordDto, description: 'What routing (`ROUTING_RULES_FILE`) did with the order, once; absent = not routed.' })
  routing?: RoutingRecordDto;
  @ApiPropertyOptional({
    type: [HoldDto],
    description: 'What keeps the gateway from shipping the order (no fulfil while any is here), beside the status, which mirrors the channel. Absent when the order has no hold.',
  })
  holds?: HoldDto[];
  @ApiProperty({
    type: LineProgressDto,
    description:
      'Derived from the lines on every read, never stored (docs/api-decisions.md LP-1): whether they differ, how far fulfilment has got, and the lines a fulfil may still send — with `fulfill:flexport` in `allowedActions`, the lines left to fulfil.',
  })
  lineProgress: LineProgressDto;
  @ApiProperty({
    enum: [...ORDER_ACTIONS, 'release'],
    isArray: true,
    description:
      'Commands the state machine and the channel allow right now (no fulfil while held), then `release` while the order has a hold a person may release. (`hold` is open in pending, on_hold and ready, and not listed.)',
    example: ['fulfill:flexport', 'cancel', 'reject'],
  })
  allowedActions: string[];
  @ApiProperty({ example: '2024-05-01T10:00:00Z' })
  placedAt: string;
  @ApiProperty({ example: '2024-05-01T10:01:00Z' })
  createdAt: string;
  @ApiProperty({ example: '2024-05-01T10:05:00Z' })
  updatedAt: string;
  @ApiProperty({ nullable: true, type: String, example: '2024-05-01T10:04:30Z' })
  channelUpdatedAt: string | null;
  @ApiProperty({ type: 'integer', description: 'Optimistic-concurrency version, +1 on every change.', example: 3 })
  version: number;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] })
  items: OrderDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null at the end. A page may be shorter than `limit` and still have one.',
    example: 'MDAxNzE0NTYwMDAwMDAwOm9yZF8wYjFj',
  })
  nextCursor: string | null;
}

export class HistoryEntryDto {
  @ApiProperty({ enum: ['created', 'transition', 'annotation'], example: 'transition' })
  kind: string;
  @ApiProperty({ example: '2024-05-01T10:05:00Z' })
  at: string;
  @ApiProperty({ type: 'integer', description: 'The order version this entry produced.', example: 2 })
  version: number;
  @ApiProperty({ enum: ORDER_STATUSES, nullable: true, example: 'ready' })
  from: string | null;
  @ApiProperty({ enum: ORDER_STATUSES, example: 'fulfilling' })
  to: string;
  @ApiProperty({ enum: ['ingest', 'sync', 'command', 'webhook', 'system'], example: 'command' })
  cause: string;
  @ApiProperty({ example: 'order-service' })
  actor: string;
  @ApiProperty({ nullable: true, type: String, description: 'Adapter request id or job id.', example: 'job-42' })
  requestId: string | null;
  @ApiPropertyOptional({ description: 'The command step job that made this change (a re-run of the job sees its effect is already saved).', example: '42-1' })
  jobId?: string;
  @ApiPropertyOptional({
    description:
      "The command's correlation id: the `X-Request-Id` of the REST call that started it, or `<queue>/<job id>` of the job a producer added. The same id is on every worker log line about the command.",
    example: '9b1f3c2e-5d7a-4e0b-8c31-2f6a9d4e7b10',
  })
  correlationId?: string;
  @ApiPropertyOptional({
    description:
      "The command's OpenTelemetry trace id, when tracing was on (see README *Tracing*): the trace of the REST call, each step, its outbound call and its save. Also on the worker's log lines about the command.",
    example: '4bf92f3577b34da6a3ce929d0e0e4736',
  })
  traceId?: string;
  @ApiPropertyOptional({ example: 'Flexport order 1234567 created' })
  note?: string;
  @ApiPropertyOptional({
    description: 'What an operator changed: `{ before, after }` of a corrected shipping address.',
    example: { before: { city: '' }, after: { city: 'İstanbul' } },
  })
  details?: Record<string, unknown>;
}

export class HistoryDto {
  @ApiProperty({ type: [HistoryEntryDto], description: 'Oldest first.' })
  items: HistoryEntryDto[];
}
