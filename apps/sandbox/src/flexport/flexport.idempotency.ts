import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { FlexportProblem } from './flexport.errors';

type Stored = { fingerprint: string; body: unknown } | { fingerprint: string; problem: FlexportProblem };

/** Keys are forgotten oldest-first beyond this many (real APIs expire them after a day or so). */
const MAX_KEYS = 100_000;

/**
 * The `idempotency-key` header on POSTs: the first answer (success or 4xx) is
 * stored and replayed verbatim, with `idempotent-replayed: true`, for the same
 * key and request; the same key with a different request is a 422
 * (docs/api-decisions.md FX-2).
 */
@Injectable()
export class FlexportIdempotency {
  private readonly records = new Map<string, Stored>();

  run<T>(key: string | undefined, fingerprint: string, res: Response, handler: () => T): T {
    if (!key) return handler();
    const stored = this.records.get(key);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new FlexportProblem(422, 'idempotency-key was already used with a different request');
      }
      res.setHeader('idempotent-replayed', 'true');
      if ('problem' in stored) throw stored.problem;
      return structuredClone(stored.body) as T;
    }
    try {
      const body = handler();
      this.remember(key, { fingerprint, body: structuredClone(body) });
      return body;
    } catch (error) {
      // A 5xx is not an answer worth replaying: the client should be able to try again.
      if (error instanceof FlexportProblem && error.status < 500) this.remember(key, { fingerprint, problem: error });
      throw error;
    }
  }

  clear(): void {
    this.records.clear();
  }

  private remember(key: string, stored: Stored): void {
    if (this.records.size >= MAX_KEYS) this.records.delete(this.records.keys().next().value as string);
    this.records.set(key, stored);
  }
}
