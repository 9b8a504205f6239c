/**
 * Paces Joom's list calls on the quota headers every response carries
 * (`X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining`, `X-Rate-Limit-Reset` =
 * seconds left in the window; docs/vendor/real-api-facts.md: the list
 * endpoints share 50 calls a minute per store), so a backlog sync spends the
 * window without being refused (docs/api-decisions.md JO-8): no delay while
 * the window has room, the last tenth of it spread over the time left, and a
 * wait for the next window once it is used up. Without the headers it does
 * nothing. One pacer per client: one store's quota.
 */

/** Joom's windows are a minute long: by default no pacing wait is longer (RATE_LIMIT_MAX_WAIT_MS lowers it). */
export const MAX_PACE_WAIT_MS = 60_000;
/** The share of the window kept for spreading (at least one call). */
const RESERVE_SHARE = 0.1;

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const SYSTEM_CLOCK: PacerClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export class JoomListPacer {
  private limit: number | null = null;
  private remaining: number | null = null;
  private resetAtMs = 0;

  constructor(
    private readonly clock: PacerClock = SYSTEM_CLOCK,
    private readonly maxWaitMs: number = MAX_PACE_WAIT_MS,
  ) {}

  /** Reads the quota headers of a list answer (a 429's included). */
  observe(headers: unknown): void {
    const remaining = headerNumber(headers, 'x-rate-limit-remaining');
    const reset = headerNumber(headers, 'x-rate-limit-reset');
    if (remaining === null || reset === null) return;
    this.limit = headerNumber(headers, 'x-rate-limit-limit');
    this.remaining = remaining;
    this.resetAtMs = this.clock.now() + reset * 1000;
  }

  /** How long the next list call should wait, in ms. */
  delayMs(now: number = this.clock.now()): number {
    if (this.remaining === null || now >= this.resetAtMs) return 0;
    const reserve = Math.max(1, Math.ceil((this.limit ?? 0) * RESERVE_SHARE));
    if (this.remaining > reserve) return 0;
    return Math.min(this.maxWaitMs, Math.ceil((this.resetAtMs - now) / (this.remaining + 1)));
  }

  /** Waits as long as `delayMs` says, then counts the call against the known quota. */
  async beforeCall(): Promise<void> {
    const wait = this.delayMs();
    if (wait > 0) await this.clock.sleep(wait);
    if (this.remaining !== null && this.clock.now() < this.resetAtMs) this.remaining = Math.max(0, this.remaining - 1);
  }
}

function headerNumber(headers: unknown, name: string): number | null {
  if (typeof headers !== 'object' || headers === null) return null;
  const raw = (headers as Record<string, unknown>)[name];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw !== undefined && raw !== null && raw !== '' && Number.isFinite(value) && value >= 0 ? value : null;
}
