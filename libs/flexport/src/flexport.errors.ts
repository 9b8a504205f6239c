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
