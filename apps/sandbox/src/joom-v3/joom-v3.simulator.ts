import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { ActionError, optionalPositiveInt, optionalString, requiredString } from '../core/action-error';
import { deriveSeed, SeededRandom } from '../core/prng';
import { UnknownActionError } from '../core/simulator';
import { SimulatorBase } from '../core/simulator-base';
import { sendV3Errors, v3CodeForStatus } from './joom-v3.errors';
import { JoomV3Fulfillment } from './joom-v3.fulfillment';
import { buildV3Order, generateV3Orders } from './joom-v3.generator';
import { JoomV3RateLimiter, rateLimitChanges, rateLimitHeaders } from './joom-v3.rate-limiter';
import { JoomV3Store, renderV3Order } from './joom-v3.store';
import { ONLINE_SHIPPING_REQUIREMENTS, OnlineShippingRequirement, StoredV3Order, V3_ORDER_ID } from './joom-v3.types';

/** The v3 store as the control plane and fault injector see it. */
@Injectable()
export class JoomV3Simulator extends SimulatorBase {
  readonly api = 'joom-v3' as const;
  /** Draws orders made after seeding, still repeatable per seed. */
  private rng = new SeededRandom(0);

  constructor(
    private readonly store: JoomV3Store,
    private readonly fulfillment: JoomV3Fulfillment,
    private readonly limiter: JoomV3RateLimiter,
  ) {
    super();
  }

  protected load(count: number, seed: number): void {
    this.store.replaceAll(generateV3Orders(count, seed, Date.now()));
    this.fulfillment.reseed(seed);
    this.rng = new SeededRandom(deriveSeed(seed, 'joom-v3-created'));
  }

  /** Also restores the default quotas, so one test's `set-rate-limit` never leaks into the next (seeding resets too). */
  reset(): void {
    this.store.replaceAll([]);
    this.limiter.reset();
  }

  /**
   * - `ship-online` {orderId}: Joom Logistics picks up a fulfilledOnline order → shipped.
   * - `set-state` {orderId, state}: any state, documented (returns…) or not (`refunded`).
   * - `set-rate-limit` {perMinute?, listPerMinute?, windowSeconds?}: new quotas, fresh windows.
   * - `create-order` {id?, status?, onlineShippingRequirement?, storeId?, country?, quantity?, placedHoursAgo?}:
   *   a new order placed now, or `placedHoursAgo` (its fulfilment countdown then
   *   nearer its end; changed now either way, so a sync sees it) (default
   *   approved); another `storeId` makes it answer 403.
   * - `remove-order` {orderId}: the order vanishes (reads answer 404, lists skip it) —
   *   what a marketplace purge looks like to a client.
   * Order actions return the order as `GET orders` would; `set-rate-limit` the quotas.
   */
  act(action: string, params: Record<string, unknown>): unknown {
    switch (action) {
      case 'ship-online':
        return this.render(this.fulfillment.shipOnline(requiredString(params, 'orderId')));
      case 'set-state':
        return this.render(this.store.touch(this.store.getAny(requiredString(params, 'orderId')), requiredString(params, 'state')));
      case 'set-rate-limit':
        return this.limiter.configure(rateLimitChanges(params));
      case 'create-order':
        return this.render(this.createOrder(params));
      case 'remove-order':
        return this.render(this.store.remove(requiredString(params, 'orderId')));
      default:
        throw new UnknownActionError(this.api, action);
    }
  }

  sendError(res: Response, status: number, message: string): void {
    // Quota headers ride on every v3 response, injected faults included (a 429's own headers win).
    if (!res.getHeader('X-Rate-Limit-Limit')) res.set(this.limiter.peek('general', Date.now()));
    sendV3Errors(res, status, [{ code: v3CodeForStatus(status), message }]);
  }

  override rateLimitHeaders(retryAfterSeconds: number): Record<string, string> {
    return rateLimitHeaders(this.limiter.current().perMinute, 0, Math.max(1, Math.ceil(retryAfterSeconds)));
  }

  size(): number {
    return this.store.size();
  }

  private createOrder(params: Record<string, unknown>): StoredV3Order {
    const id = optionalString(params, 'id');
    if (id !== undefined && !V3_ORDER_ID.test(id)) throw new ActionError('param "id" must be 8 characters A-Z/0-9, like Joom order ids');
    const requirement = optionalString(params, 'onlineShippingRequirement');
    if (requirement !== undefined && !(ONLINE_SHIPPING_REQUIREMENTS as readonly string[]).includes(requirement)) {
      throw new ActionError(`param "onlineShippingRequirement" must be one of ${ONLINE_SHIPPING_REQUIREMENTS.join(', ')}`);
    }
    const now = Date.now();
    const placedHoursAgo = optionalPositiveInt(params, 'placedHoursAgo');
    const stored = buildV3Order(this.rng, this.store.ids(), now, {
      id,
      status: optionalString(params, 'status'),
      onlineShippingRequirement: requirement as OnlineShippingRequirement | undefined,
      storeId: optionalString(params, 'storeId'),
      country: optionalString(params, 'country'),
      quantity: optionalPositiveInt(params, 'quantity'),
      placedAtMs: now - (placedHoursAgo ?? 0) * 3_600_000,
    });
    this.store.add(stored);
    return placedHoursAgo === undefined ? stored : this.store.touch(stored);
  }

  private render(stored: StoredV3Order): unknown {
    return renderV3Order(stored, Date.now());
  }
}
