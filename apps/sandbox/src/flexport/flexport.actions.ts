import { ActionError, optionalString, requiredString } from '../core/action-error';
import { UnknownActionError } from '../core/simulator';
import { LifecycleError, SHIP_CARRIER_CODES } from './flexport.lifecycle';
import { FlexportOrders } from './flexport.orders';
import { FlexportStore } from './flexport.store';
import { FlexportOrder, ORDER_ERROR_TYPE_NAMES, OrderErrorType } from './flexport.types';
import { FlexportWebhookSender } from './flexport.webhooks';

/** What "Flexport" does by itself, driven from `POST /__sandbox/flexport/actions/{action}`. */
export function runFlexportAction(deps: { store: FlexportStore; orders: FlexportOrders; webhooks: FlexportWebhookSender }, action: string, params: Record<string, unknown>): unknown {
  const { orders } = deps;
  const order = (): FlexportOrder => {
    const byId = typeof params.orderId === 'string' ? deps.store.get(params.orderId) : undefined;
    const byExternal = typeof params.externalOrderId === 'string' ? deps.store.getByExternalId(params.externalOrderId) : undefined;
    if (params.orderId === undefined && params.externalOrderId === undefined) throw new ActionError('"orderId" or "externalOrderId" is required');
    const found = byId ?? byExternal;
    if (!found) throw new ActionError('order not found', 404);
    return found;
  };
  try {
    switch (action) {
      case 'ship': {
        // A test may choose the carrier (UPS, or ONTRAC that no marketplace lists); otherwise it derives from the order.
        const carrier = optionalString(params, 'carrier');
        if (carrier !== undefined && !SHIP_CARRIER_CODES.includes(carrier)) throw new ActionError(`"carrier" must be one of ${SHIP_CARRIER_CODES.join(', ')}`);
        return orders.ship(order(), carrier);
      }
      case 'deliver':
        return orders.deliver(order());
      case 'fail': {
        const type = requiredString(params, 'type') as OrderErrorType;
        if (!ORDER_ERROR_TYPE_NAMES.includes(type)) throw new ActionError(`"type" must be one of ${ORDER_ERROR_TYPE_NAMES.join(', ')}`);
        if (params.retriable !== undefined && typeof params.retriable !== 'boolean') throw new ActionError('"retriable" must be a boolean');
        const message = typeof params.message === 'string' ? params.message : undefined;
        return orders.fail(order(), type, { retriable: params.retriable as boolean | undefined, message });
      }
      case 'advance':
        return orders.advance();
      case 'set-webhook': {
        const url = optionalString(params, 'url') ?? null;
        if (url !== null && !/^https?:\/\//.test(url)) throw new ActionError('"url" must be an http(s) URL or null');
        deps.webhooks.setTarget(url, typeof params.token === 'string' ? params.token : null, typeof params.secret === 'string' ? params.secret : null);
        return { url, token: params.token ? '[set]' : null, secret: params.secret ? '[set]' : null };
      }
      default:
        throw new UnknownActionError('flexport', action);
    }
  } catch (error) {
    if (error instanceof LifecycleError) throw new ActionError(error.message, 409);
    throw error;
  }
}
