import { DomainError } from '@app/orders';

/**
 * The Akinon API reads one order only by its number (`orders/?number=`,
 * docs/api-decisions.md AK-1), and this order has none stored. A local
 * error, not `remote_not_found`: the order may well exist at Akinon, so the
 * missing-order audit must not flag it as vanished.
 */
export class AkinonOrderNumberMissingError extends DomainError {
  readonly code = 'akinon_order_number_missing';

  constructor(readonly orderId: string) {
    super(`akinon order ${orderId} has no order number: it cannot be read through orders/?number=`, { orderId });
  }
}
