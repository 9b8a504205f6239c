import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { ActionError, optionalString, requiredString } from '../core/action-error';
import { deriveSeed, SeededRandom } from '../core/prng';
import { UnknownActionError } from '../core/simulator';
import { SimulatorBase } from '../core/simulator-base';
import { JoomRateLimiter, rateLimitChanges, rateLimitHeaders } from '../joom-shared/rate-limiter';
import { sendV2Envelope, v2CodeForStatus } from './joom-v2.errors';
import { buildV2Order, generateV2Orders, StoredV2Order } from './joom-v2.generator';
import { JoomV2Store, renderV2Order } from './joom-v2.store';

/** The v2 store as the control plane and fault injector see it. */
@Injectable()
export class JoomV2Simulator extends SimulatorBase {
  readonly api = 'joom-v2' as const;
  /** Draws ids and tracking numbers for orders made after seeding, still repeatable per seed. */
  private rng = new SeededRandom(0);

  constructor(
    private readonly store: JoomV2Store,
    private readonly limiter: JoomRateLimiter,
  ) {
    super();
  }

  protected load(count: number, seed: number): void {
    this.store.replaceAll(generateV2Orders(count, seed, Date.now()));
    this.rng = new SeededRandom(deriveSeed(seed, 'joom-v2-runtime'));
  }

  /** Also restores the default quotas, so one test's `set-rate-limit` never leaks into the next. */
  reset(): void {
    this.store.replaceAll([]);
    this.limiter.reset();
  }

  /**
   * - `ship` {orderId, provider?, trackingNumber?}: the merchant shipped it outside the API.
   * - `set-state` {orderId, state}: any state, documented or not.
   * - `create-order` {orderId?, state?}: a new order (default APPROVED), placed now.
   * - `set-rate-limit` {perMinute?, listPerMinute?, windowSeconds?}: new quotas, fresh windows.
   * Order actions return the order as `order` would; `set-rate-limit` the quotas.
   */
  act(action: string, params: Record<string, unknown>): unknown {
    const now = Date.now();
    switch (action) {
      case 'ship': {
        const tracking = optionalString(params, 'trackingNumber') ?? `LP${this.rng.digits(12)}`;
        return this.render(this.store.ship(requiredString(params, 'orderId'), optionalString(params, 'provider') ?? 'DHL', tracking));
      }
      case 'set-state':
        return this.render(this.store.setState(requiredString(params, 'orderId'), requiredString(params, 'state')));
      case 'create-order': {
        const orderId = optionalString(params, 'orderId');
        if (orderId !== undefined && !/^[0-9a-f]{24}$/.test(orderId)) throw new ActionError('param "orderId" must be 24 lower-case hex digits, like Joom order ids');
        const overrides = { orderId, state: optionalString(params, 'state'), placedAtMs: now };
        const stored = buildV2Order(this.rng, this.store.ids(), now, overrides);
        this.store.add(stored);
        return this.render(stored);
      }
      case 'set-rate-limit':
        return this.limiter.configure(rateLimitChanges(params));
      default:
        throw new UnknownActionError(this.api, action);
    }
  }

  sendError(res: Response, status: number, message: string): void {
    // Quota headers ride on every response, injected faults included (a 429's own headers win).
    if (!res.getHeader('X-Rate-Limit-Limit')) res.set(this.limiter.peek('general', Date.now()));
    sendV2Envelope(res, status, { code: v2CodeForStatus(status), data: {}, message });
  }

  /** An injected 429 says when to come back both ways: `Retry-After` and Joom's quota headers. */
  override rateLimitHeaders(retryAfterSeconds: number): Record<string, string> {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    return { 'Retry-After': String(seconds), ...rateLimitHeaders(this.limiter.current().perMinute, 0, seconds) };
  }

  size(): number {
    return this.store.size();
  }

  private render(stored: StoredV2Order): unknown {
    return renderV2Order(stored, Date.now());
  }
}
