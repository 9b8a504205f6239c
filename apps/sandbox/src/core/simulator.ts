import type { Response } from 'express';

/** The simulated external APIs, one per documented surface. */
export const SANDBOX_APIS = ['joom-v2', 'joom-v3', 'akinon', 'flexport'] as const;
export type SandboxApi = (typeof SANDBOX_APIS)[number];

/**
 * What every simulator offers the control plane (`/__sandbox/…`) and the
 * fault injector. Simulators extend `SimulatorBase`, which registers them with
 * `SimulatorRegistry` when their module starts.
 */
export interface Simulator {
  readonly api: SandboxApi;
  /** Drop all data and load `count` generated orders, deterministic from `seed`. */
  seed(count: number, seed: number): void;
  /** Drop all data (no orders at all). */
  reset(): void;
  /**
   * A change made "by the marketplace" (e.g. Joom ships an online order, Akinon
   * opens a cancellation plan, Flexport ships). Unknown actions throw
   * `UnknownActionError`.
   */
  act(action: string, params: Record<string, unknown>): unknown;
  /** Writes an error response in this API's own documented shape. */
  sendError(res: Response, status: number, message: string): void;
  /** The headers this API sends with a 429 (Retry-After, X-Rate-Limit-Reset…). */
  rateLimitHeaders(retryAfterSeconds: number): Record<string, string>;
  /** Orders held now (for the control plane's summary). */
  size(): number;
}

export class UnknownActionError extends Error {
  constructor(
    readonly api: SandboxApi,
    readonly action: string,
  ) {
    super(`unknown ${api} action "${action}"`);
  }
}

/** Which simulator owns a request path. */
export function apiForPath(path: string): SandboxApi | null {
  if (path.startsWith('/api/v2/')) return 'joom-v2';
  if (path.startsWith('/api/v3/')) return 'joom-v3';
  if (path.startsWith('/api/i1/')) return 'akinon';
  if (path.startsWith('/logistics/api/')) return 'flexport';
  return null;
}
