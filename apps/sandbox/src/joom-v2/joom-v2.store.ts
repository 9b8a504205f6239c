import { Injectable } from '@nestjs/common';
import { ActionError } from '../core/action-error';
import { SideEffectLedger } from '../core/side-effect-ledger';
import { acceptedProvider, isValidTrackingNumber } from '../joom-shared/carriers';
import { HOUR_MS } from '../joom-shared/sample-order';
import { StoredV2Order } from './joom-v2.generator';
import { JoomV2Error, V2_DETAIL } from './joom-v2.errors';
import { JOOM_V2_FULFILL_WINDOW_DAYS, JOOM_V2_REFUND_REASONS, JoomV2RenderedOrder, v2Time } from './joom-v2.types';

export interface V2FulfillInput {
  provider: string;
  trackingNumber?: string;
  shippingTime?: string;
  shipNote?: string;
}

/**
 * The v2 store's orders and the rules the document states for changing them.
 * Checks run in the document's order of concern — parameters first, then the
 * order — so the document's own example (bad provider, unknown id) still
 * answers "provider not accepted". Only effective changes reach the ledger.
 */
@Injectable()
export class JoomV2Store {
  private readonly orders = new Map<string, StoredV2Order>();
  /** Orders by `order_time` (the document's list order); rebuilt lazily after inserts. */
  private sorted: StoredV2Order[] | null = null;

  constructor(private readonly ledger: SideEffectLedger) {}

  replaceAll(orders: StoredV2Order[]): void {
    this.orders.clear();
    for (const stored of orders) this.orders.set(stored.order.order_id, stored);
    this.sorted = null;
  }

  add(stored: StoredV2Order): void {
    if (this.orders.has(stored.order.order_id)) throw new ActionError(`order ${stored.order.order_id} already exists`, 409);
    this.orders.set(stored.order.order_id, stored);
    this.sorted = null;
  }

  size(): number {
    return this.orders.size;
  }

  ids(): Set<string> {
    return new Set(this.orders.keys());
  }

  get(id: string): StoredV2Order {
    const stored = this.orders.get(id);
    if (!stored) throw JoomV2Error.notFound(`We could not find an order for id: '${id}'`);
    return stored;
  }

  /** Orders updated at or after `sinceMs`, by order time; `approvedOnly` = "require fulfillment". */
  list(sinceMs: number | null, approvedOnly: boolean): StoredV2Order[] {
    this.sorted ??= [...this.orders.values()].sort((a, b) => a.orderMs - b.orderMs || (a.order.order_id < b.order.order_id ? -1 : 1));
    return this.sorted.filter((s) => (sinceMs === null || s.updatedMs >= sinceMs) && (!approvedOnly || s.order.state === 'APPROVED'));
  }

  fulfill(id: string, input: V2FulfillInput): void {
    const provider = checkTracking(input.provider, input.trackingNumber);
    const shippingTime = checkShippingTime(input.shippingTime);
    const stored = this.get(id);
    if (stored.order.state === 'SHIPPED') throw JoomV2Error.refused(V2_DETAIL.alreadyFulfilled, 'The order has already been fulfilled');
    if (stored.order.state !== 'APPROVED') {
      throw JoomV2Error.refused(V2_DETAIL.notApproved, `Only APPROVED orders can be fulfilled; this one is ${stored.order.state}`);
    }
    this.markShipped(stored, provider, input.trackingNumber);
    stored.order.shipping_time = shippingTime;
    if (input.shipNote) stored.order.ship_note = input.shipNote;
    this.ledger.record('joom-v2', id, 'fulfill');
  }

  refund(id: string, reasonCode: string, reasonNote: string | undefined): void {
    const reason = JOOM_V2_REFUND_REASONS[reasonCode.trim()];
    if (!reason) throw JoomV2Error.badParam(V2_DETAIL.invalidReasonCode, `reason_code must be one of 1, 2, 3 or -1, got '${reasonCode}'`);
    if (reasonCode.trim() === '-1' && !reasonNote?.trim()) {
      throw JoomV2Error.badParam(V2_DETAIL.reasonNoteRequired, 'reason_note is required when reason_code is -1');
    }
    const stored = this.get(id);
    if (stored.order.state === 'REFUNDED') throw JoomV2Error.refused(V2_DETAIL.alreadyRefunded, 'The order has already been refunded');
    const now = Date.now();
    Object.assign(stored.order, { state: 'REFUNDED', refunded_by: 'REFUNDED BY MERCHANT', refunded_time: v2Time(now), refunded_reason: reason });
    if (reasonNote?.trim()) stored.order.refunded_note = reasonNote;
    this.touch(stored, now);
    this.ledger.record('joom-v2', id, 'refund');
  }

  /**
   * docs/vendor/joom-merchant-api-v2.txt, "Modify Tracking of a Shipped Order": `id` and
   * `tracking_provider` Required, `tracking_number` not; it acts "if the order is in the
   * "SHIPPED" state, and all the parameters are correct" — any other state is refused.
   */
  modifyTracking(id: string, providerInput: string, trackingNumber: string | undefined): void {
    const provider = checkTracking(providerInput, trackingNumber);
    const stored = this.get(id);
    if (stored.order.state !== 'SHIPPED') {
      throw JoomV2Error.refused(V2_DETAIL.notShipped, `Tracking can only be modified on SHIPPED orders; this one is ${stored.order.state}`);
    }
    stored.order.shipping_provider = provider;
    stored.order.tracking_number = trackingNumber ?? '';
    this.touch(stored, Date.now());
    this.ledger.record('joom-v2', id, 'modify_tracking');
  }

  /** For the control plane: the order, or ActionError 404. */
  find(id: string): StoredV2Order {
    const stored = this.orders.get(id);
    if (!stored) throw new ActionError(`no joom-v2 order ${id}`, 404);
    return stored;
  }

  /** Control plane: the merchant shipped it some other way (Merchant Panel). Not a gateway side effect. */
  ship(id: string, provider: string, trackingNumber: string): StoredV2Order {
    const accepted = acceptedProvider(provider);
    if (!accepted) throw new ActionError(`"${provider}" is not an accepted Joom provider`);
    if (!isValidTrackingNumber(trackingNumber)) throw new ActionError('trackingNumber must be alphanumeric');
    const stored = this.find(id);
    this.markShipped(stored, accepted, trackingNumber);
    return stored;
  }

  setState(id: string, state: string): StoredV2Order {
    const stored = this.find(id);
    stored.order.state = state;
    this.touch(stored, Date.now());
    return stored;
  }

  private markShipped(stored: StoredV2Order, provider: string, trackingNumber: string | undefined): void {
    const now = Date.now();
    Object.assign(stored.order, { state: 'SHIPPED', shipped_date: v2Time(now), shipping_provider: provider, tracking_number: trackingNumber ?? '' });
    this.touch(stored, now);
  }

  private touch(stored: StoredV2Order, now: number): void {
    stored.updatedMs = now;
    stored.order.last_updated = v2Time(now);
  }
}

/** Hours/days left before Joom refunds an unfulfilled order; only orders awaiting the merchant have them. */
export function renderV2Order(stored: StoredV2Order, now: number): { Order: JoomV2RenderedOrder } {
  const { state } = stored.order;
  if (state !== 'APPROVED' && state !== 'REQUIRE_REVIEW') return { Order: stored.order };
  const deadline = stored.orderMs + JOOM_V2_FULFILL_WINDOW_DAYS * 24 * HOUR_MS;
  const hours = Math.max(0, Math.ceil((deadline - now) / HOUR_MS));
  return { Order: { ...stored.order, days_to_fulfill: String(Math.floor(hours / 24)), hours_to_fulfill: String(hours) } };
}

/** Provider must be on the accepted list, USPS included (docs/api-decisions.md CA-1; refusal on HTTP 200, data 2003); tracking must be alphanumeric. */
function checkTracking(providerInput: string, trackingNumber: string | undefined): string {
  const provider = acceptedProvider(providerInput);
  if (!provider) throw JoomV2Error.refused(V2_DETAIL.unknownProvider, 'Tracking provider is not one of the accepted providers on Joom');
  if (trackingNumber !== undefined && !isValidTrackingNumber(trackingNumber)) {
    throw JoomV2Error.badParam(V2_DETAIL.invalidTrackingNumber, 'Tracking number should only contain alphanumeric characters with no space between them');
  }
  return provider;
}

/**
 * `shipping_time` is "Required … a time range in number of days. Lower bound
 * cannot be less than 2 days", e.g. "5-10"; checked after the provider, so the
 * document's bad-provider example still answers 2003 (docs/api-decisions.md JO-1).
 */
function checkShippingTime(value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw JoomV2Error.badParam(V2_DETAIL.missingParam, "Missing required parameter 'shipping_time'");
  const match = /^(\d{1,3})-(\d{1,3})$/.exec(value.trim());
  if (!match || Number(match[1]) < 2 || Number(match[2]) < Number(match[1])) {
    throw JoomV2Error.badParam(V2_DETAIL.invalidParam, `shipping_time must be a range of days like "5-10" with a lower bound of at least 2, got '${value}'`);
  }
  return value.trim();
}
