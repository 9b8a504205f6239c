import { Inject, Injectable, Optional } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';

export const DEFAULT_RATE_LIMIT_MAX_WAIT_MS = 60_000;
/** Jitter: up to a tenth of the wait, at most 1 s, so workers and processes do not all return at the same instant. */
const JITTER_SHARE = 0.1;
const JITTER_MAX_MS = 1000;

/**
 * How long a queue pauses for one 429: the wait the system asked for
 * (`Retry-After`, Joom's `X-Rate-Limit-Reset`), never more than the cap
 * (`RATE_LIMIT_MAX_WAIT_MS`, default 60 s), with jitter — a wrong or hostile
 * header must not stall every command of a system for hours
 * (docs/api-decisions.md JO-8). The one place every 429 wait goes through:
 * the step queues and the sync queues.
 */
@Injectable()
export class RateLimitWait {
  readonly maxWaitMs: number;

  constructor(@Optional() @Inject(GATEWAY_CONFIG) config?: Pick<GatewayConfig, 'rateLimitMaxWaitMs'>) {
    this.maxWaitMs = config?.rateLimitMaxWaitMs ?? DEFAULT_RATE_LIMIT_MAX_WAIT_MS;
  }

  /** The pause for a system that asked for `askedMs`. */
  of(askedMs: number, random: () => number = Math.random): number {
    return cappedWaitMs(askedMs, this.maxWaitMs, random);
  }
}

/**
 * `asked` plus jitter, within [0, cap]: past the asked time when there is room
 * (returning early would be refused again), just under the cap when the ask
 * reaches it.
 */
export function cappedWaitMs(askedMs: number, capMs: number, random: () => number = Math.random): number {
  const asked = Number.isFinite(askedMs) && askedMs > 0 ? askedMs : 0;
  const base = Math.min(asked, capMs);
  const jitter = Math.round(random() * Math.min(JITTER_MAX_MS, base * JITTER_SHARE));
  return asked + jitter <= capMs ? asked + jitter : capMs - jitter;
}
