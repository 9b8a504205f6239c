import { Injectable } from '@nestjs/common';
import { ActionError } from '../core/action-error';
import { deriveSeed, SeededRandom } from '../core/prng';
import { SideEffectLedger } from '../core/side-effect-ledger';
import { JoomV3Error } from './joom-v3.errors';
import { onlineShipment } from './joom-v3.generator';
import { bodyOf, cancelFrom, checkPickup, idsFrom, shipperFrom, trackingFrom } from './joom-v3.requests';
import { JoomV3Shipper } from './joom-v3.shippers';
import { JoomV3Store } from './joom-v3.store';
import { JoomV3Order, StoredV3Order, v3Time } from './joom-v3.types';

/**
 * The v3 commands and their rules: only approved orders are fulfilled, online
 * or offline as `onlineShippingRequirement` allows, by a shipper that serves
 * the destination. The request is validated before the order is touched, and
 * only a change that happened is recorded in the ledger.
 */
@Injectable()
export class JoomV3Fulfillment {
  /** Tracking/waybill numbers for online shipments, repeatable per seed. */
  private rng = new SeededRandom(0);

  constructor(
    private readonly store: JoomV3Store,
    private readonly ledger: SideEffectLedger,
  ) {}

  reseed(seed: number): void {
    this.rng = new SeededRandom(deriveSeed(seed, 'joom-v3-runtime'));
  }

  fulfill(id: unknown, rawBody: unknown): StoredV3Order {
    const body = bodyOf(rawBody);
    const { shipper, field } = shipperFrom(body, 'offline');
    const trackingNumber = trackingFrom(body);
    const stored = this.store.get(id);
    requireApproved(stored.order, 'fulfilled');
    if (stored.order.onlineShippingRequirement === 'onlineOnly') {
      throw JoomV3Error.invalidState(`Order '${stored.order.id}' must be shipped online (orders/fulfillOnline)`);
    }
    requireDestination(shipper, stored.order, field);
    const now = v3Time(Date.now());
    stored.order.shipment = { provider: shipper.name, providerId: shipper.id, trackingNumber, fulfilledTimestamp: now, shippedTimestamp: now };
    this.store.touch(stored, 'shipped');
    this.ledger.record('joom-v3', stored.order.id, 'fulfill');
    return stored;
  }

  /** One parcel for all `ids` (Joom's "orders that should be shipped together"): one tracking number. */
  fulfillOnline(rawBody: unknown): { trackingNumber: string; shippingOrderNumber: string; shipperName: string } {
    const body = bodyOf(rawBody);
    const { shipper, field } = shipperFrom(body, 'online');
    const ids = idsFrom(body);
    checkPickup(body);
    if (body.pickup === true && !shipper.onlineShipping.pickupAvailable) {
      throw JoomV3Error.invalidArgument('pickup', `${shipper.name} does not offer pickup`);
    }
    const orders = ids.map((id) => this.store.get(id, 'ids'));
    for (const { order } of orders) {
      requireApproved(order, 'fulfilled online');
      if (order.onlineShippingRequirement === 'offlineOnly') {
        throw JoomV3Error.invalidState(`Order '${order.id}' cannot be shipped online (onlineShippingRequirement is offlineOnly)`);
      }
      requireDestination(shipper, order, field);
    }
    const shipment = onlineShipment(this.rng, shipper, Date.now());
    for (const stored of orders) {
      stored.order.shipment = { ...shipment };
      this.store.touch(stored, 'fulfilledOnline');
      this.ledger.record('joom-v3', stored.order.id, 'fulfill_online');
    }
    return { trackingNumber: shipment.trackingNumber, shippingOrderNumber: shipment.shippingOrderNumber, shipperName: shipment.shipperName };
  }

  /**
   * `POST /orders/modifyTracking?id=` `{provider | providerId, trackingNumber}` (docs/vendor/real-api-facts.md),
   * checked like `orders/fulfill`, on a `shipped` order (joom-orders-overview.txt's states). Offline
   * shipments only: an online one's tracking belongs to the shipper.
   */
  modifyTracking(id: unknown, rawBody: unknown): StoredV3Order {
    const body = bodyOf(rawBody);
    const { shipper, field } = shipperFrom(body, 'offline');
    const trackingNumber = trackingFrom(body);
    const stored = this.store.get(id);
    const { order } = stored;
    if (order.status !== 'shipped' || !order.shipment || order.shipment.shippingOrderNumber) {
      throw JoomV3Error.invalidState(`Tracking can only be modified on orders shipped offline; order '${order.id}' is ${order.status}`);
    }
    requireDestination(shipper, order, field);
    Object.assign(order.shipment, { provider: shipper.name, providerId: shipper.id, trackingNumber });
    this.store.touch(stored);
    this.ledger.record('joom-v3', order.id, 'modify_tracking');
    return stored;
  }

  /** The merchant cancels an order it cannot fulfill: before it has left (approved or awaiting pickup). */
  cancel(id: unknown, rawBody: unknown): StoredV3Order {
    const { reason, note } = cancelFrom(bodyOf(rawBody));
    const stored = this.store.get(id);
    const { order } = stored;
    if (order.status !== 'approved' && order.status !== 'fulfilledOnline') {
      throw JoomV3Error.invalidState(`Order '${order.id}' cannot be cancelled: it is ${order.status}`);
    }
    order.refund = { by: 'merchant', ...(reason ? { reason } : {}), ...(note ? { note } : {}), timestamp: v3Time(Date.now()) };
    order.priceInfo.refundAmount = order.priceInfo.orderPrice;
    this.store.touch(stored, 'cancelled');
    this.ledger.record('joom-v3', order.id, 'cancel');
    return stored;
  }

  /** Labels exist only for orders fulfilled online (awaiting pickup, or shipped since). */
  labelFor(id: unknown): JoomV3Order {
    const { order } = this.store.get(id);
    const online = Boolean(order.shipment?.shippingOrderNumber);
    if (!online || (order.status !== 'fulfilledOnline' && order.status !== 'shipped')) {
      throw JoomV3Error.invalidState(`Order '${order.id}' has no shipping label: it was not fulfilled online (status ${order.status})`);
    }
    return order;
  }

  /** Control plane: the online shipper picked the parcel up. */
  shipOnline(id: string): StoredV3Order {
    const stored = this.store.getAny(id);
    if (stored.order.status !== 'fulfilledOnline' || !stored.order.shipment) {
      throw new ActionError(`order ${id} is ${stored.order.status}; only fulfilledOnline orders are shipped by Joom Logistics`, 409);
    }
    stored.order.shipment.shippedTimestamp = v3Time(Date.now());
    return this.store.touch(stored, 'shipped');
  }
}

function requireApproved(order: JoomV3Order, what: string): void {
  if (order.status !== 'approved') throw JoomV3Error.invalidState(`Only approved orders can be ${what}; order '${order.id}' is ${order.status}`);
}

function requireDestination(shipper: JoomV3Shipper, order: JoomV3Order, field: string): void {
  if (!shipper.destinationCountries.includes(order.shippingAddress.country)) {
    throw JoomV3Error.invalidArgument(field, `${shipper.name} does not deliver to ${order.shippingAddress.country}`);
  }
}
