import { DomainError } from '@app/orders';

/**
 * The canonical order cannot become a Flexport create request (no shipping
 * address, no open lines…). Raised before any HTTP call: retrying will not
 * help until the order itself changes.
 */
export class FlexportOrderUnmappableError extends DomainError {
  readonly code = 'flexport_order_unmappable';

  constructor(
    readonly orderId: string,
    readonly field: string,
    reason: string,
  ) {
    super(`Order ${orderId} cannot be sent to Flexport: ${field} ${reason}`, { orderId, field });
  }
}

/** A webhook body that is not a Flexport event; `field` names the first bad field. */
export class InvalidWebhookError extends DomainError {
  readonly code = 'invalid_webhook';

  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`Invalid Flexport webhook: ${field} ${reason}`, { field });
  }
}

/**
 * Flexport already holds an order under this attempt's externalOrderId (a
 * 409 look-up, or a replayed answer) whose line items are not the ones this
 * fulfil sends: an earlier create whose answer was lost, for other lines
 * (docs/api-decisions.md FX-9). Its lines are not recorded as this fulfil's —
 * that would ship lines twice — and a person settles it: cancel the Flexport
 * order named, or record it, then fulfil the lines again.
 */
export class FlexportPartMismatchError extends DomainError {
  readonly code = 'fulfillment_error';

  constructor(
    readonly orderId: string,
    readonly providerOrderId: string,
    readonly externalOrderId: string,
    held: string,
    sent: string,
  ) {
    super(
      `Flexport order ${providerOrderId} (externalOrderId ${externalOrderId}) already exists with other line items (${held}) than this fulfil of order ${orderId} sends (${sent}); nothing recorded — cancel it at Flexport, then fulfil the lines again`,
      { orderId, providerOrderId, externalOrderId },
    );
  }
}
