import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import { mulberry32 } from './prng';
import { SandboxApi } from './simulator';

/** Faults injected into one API. Rates are probabilities in [0, 1]. */
export interface FaultConfig {
  errorRate: number;
  /** Status of injected errors (500, 502, 503…). */
  errorStatus: number;
  rateLimitRate: number;
  retryAfterSeconds: number;
  /** Added before every answer (and before a drop). */
  latencyMs: number;
  /** Accept the request and never answer. */
  hangRate: number;
  /**
   * Let the simulator act on the request, then never send its answer: the
   * change happened but the client cannot know (a lost response). Whoever
   * retries must look before doing it again.
   */
  hangAfterRate: number;
  /** Destroy the socket without an answer. */
  dropRate: number;
  seed: number;
}

export type FaultOutcome = 'none' | 'drop' | 'hang' | 'hang_after' | 'rate_limit' | 'error';

export const DEFAULT_FAULTS: Omit<FaultConfig, 'seed'> = {
  errorRate: 0,
  errorStatus: 500,
  rateLimitRate: 0,
  retryAfterSeconds: 1,
  latencyMs: 0,
  hangRate: 0,
  hangAfterRate: 0,
  dropRate: 0,
};

/** Hung connections are cut after this long even if nobody resets, so they cannot pile up forever. */
const HANG_CEILING_MS = 10 * 60_000;

/**
 * Per-API fault settings and their dice. One draw per request decides the
 * outcome (drop, hang, hang after acting, 429, error or none, in that order of the rate bands),
 * so a given seed yields the same sequence of outcomes for the same calls.
 */
@Injectable()
export class FaultInjector implements OnModuleDestroy {
  private readonly faults = new Map<SandboxApi, { config: FaultConfig; draw: () => number }>();
  private readonly hung = new Map<Response, NodeJS.Timeout>();

  set(api: SandboxApi, config: FaultConfig): void {
    this.faults.set(api, { config, draw: mulberry32(config.seed) });
  }

  get(api: SandboxApi): FaultConfig | null {
    return this.faults.get(api)?.config ?? null;
  }

  list(): Partial<Record<SandboxApi, FaultConfig>> {
    return Object.fromEntries([...this.faults].map(([api, { config }]) => [api, config]));
  }

  clear(api?: SandboxApi): void {
    if (api) this.faults.delete(api);
    else this.faults.clear();
    this.releaseHung();
  }

  decide(api: SandboxApi): { outcome: FaultOutcome; config: FaultConfig } | null {
    const entry = this.faults.get(api);
    if (!entry) return null;
    const { config } = entry;
    const roll = entry.draw();
    const bands: [FaultOutcome, number][] = [
      ['drop', config.dropRate],
      ['hang', config.hangRate],
      // After `hang` and at zero width by default, so existing seeds draw the same outcomes.
      ['hang_after', config.hangAfterRate],
      ['rate_limit', config.rateLimitRate],
      ['error', config.errorRate],
    ];
    let edge = 0;
    for (const [outcome, rate] of bands) {
      edge += rate;
      if (roll < edge) return { outcome, config };
    }
    return { outcome: 'none', config };
  }

  /** Keeps a response open with no answer; remembered so reset/shutdown can cut it. */
  hold(res: Response): void {
    const timer = setTimeout(() => this.cut(res), HANG_CEILING_MS);
    timer.unref();
    this.hung.set(res, timer);
    res.once('close', () => {
      clearTimeout(timer);
      this.hung.delete(res);
    });
  }

  releaseHung(): void {
    for (const res of [...this.hung.keys()]) this.cut(res);
  }

  onModuleDestroy(): void {
    // Without this, app.close() would wait forever on the hung sockets.
    this.releaseHung();
  }

  private cut(res: Response): void {
    clearTimeout(this.hung.get(res));
    this.hung.delete(res);
    res.socket?.destroy();
  }
}
