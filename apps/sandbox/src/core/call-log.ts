import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { apiForPath, SandboxApi } from './simulator';

/** Which injected fault (if any) shaped a call; set on the request by the fault middleware. */
export type FaultKind = 'error' | 'rate_limit' | 'hang' | 'hang_after' | 'drop';
export const FAULT_MARK = Symbol('sandboxFault');
const TRACKED = Symbol('sandboxCallTracked');

export interface CallRecord {
  seq: number;
  time: string;
  api: SandboxApi | null;
  method: string;
  /** Path only: the query string lives (redacted) in `query`. */
  path: string;
  query: Record<string, string | string[]>;
  /** null when no response was ever sent (hung or dropped connection). */
  status: number | null;
  /**
   * Names (lower-case) of the credential headers the call carried, e.g.
   * `["authentication", "authorization"]`, so a test can assert which header
   * each route received. Names only: a token value is never read into the log.
   */
  authHeaders: string[];
  /** The `x-correlation-id` the call was answered with (Flexport's answers carry one), else null. */
  correlationId: string | null;
  durationMs: number;
  fault: FaultKind | null;
}

/** Query params that carry credentials (Joom accepts `access_token` in the URL). */
const SECRET_PARAMS = new Set(['access_token', 'refresh_token', 'client_secret', 'token', 'api_key', 'apikey']);
/** Headers that carry credentials; only their presence is logged. `authentication` is the Akinon document's spelling. */
const AUTH_HEADERS = ['authorization', 'authentication', 'x-api-key'] as const;
export const DEFAULT_CALL_LOG_CAPACITY = 50_000;
export const CALL_LOG_CAPACITY = Symbol('CALL_LOG_CAPACITY');

/**
 * Every call the simulators received, newest last, in a bounded ring buffer so
 * a long soak test cannot exhaust memory. Credential header values are never
 * read, only which credential headers were present.
 */
@Injectable()
export class CallLog {
  private buffer: CallRecord[] = [];
  private start = 0;
  private seq = 0;

  readonly capacity: number;

  constructor(@Optional() @Inject(CALL_LOG_CAPACITY) capacity?: number) {
    this.capacity = capacity ?? DEFAULT_CALL_LOG_CAPACITY;
  }

  add(record: Omit<CallRecord, 'seq'>): void {
    const full: CallRecord = { seq: ++this.seq, ...record };
    if (this.buffer.length < this.capacity) {
      this.buffer.push(full);
    } else {
      this.buffer[this.start] = full;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** Oldest first. `since` is a seq number (exclusive) or a Date (inclusive). */
  list(filter: { api?: string; since?: number | Date } = {}): CallRecord[] {
    const ordered = [...this.buffer.slice(this.start), ...this.buffer.slice(0, this.start)];
    const { api, since } = filter;
    return ordered.filter((call) => {
      if (api && call.api !== api) return false;
      if (typeof since === 'number' && call.seq <= since) return false;
      if (since instanceof Date && Date.parse(call.time) < since.getTime()) return false;
      return true;
    });
  }

  get size(): number {
    return this.buffer.length;
  }

  clear(): void {
    this.buffer = [];
    this.start = 0;
  }

  /**
   * Starts timing a call and records it once the response finishes or the
   * connection closes. Safe to call twice for one request (the exception
   * filter calls it for requests that failed before the middleware ran).
   */
  track(req: Request, res: Response): void {
    const marked = req as unknown as Record<symbol, unknown>;
    if (marked[TRACKED]) return;
    marked[TRACKED] = true;
    const started = process.hrtime.bigint();
    const time = new Date().toISOString();
    const url = new URL(req.originalUrl, 'http://sandbox.local');
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      this.add({
        time,
        api: apiForPath(url.pathname),
        method: req.method,
        path: url.pathname,
        query: redactQuery(url.searchParams),
        authHeaders: AUTH_HEADERS.filter((name) => req.headers[name] !== undefined),
        status: res.headersSent ? res.statusCode : null,
        correlationId: res.headersSent ? correlationIdOf(res) : null,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        fault: (marked[FAULT_MARK] as FaultKind | undefined) ?? null,
      });
    };
    res.once('finish', finish);
    res.once('close', finish);
  }
}

function correlationIdOf(res: Response): string | null {
  const value = res.getHeader('x-correlation-id');
  return typeof value === 'string' ? value : null;
}

export function redactQuery(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, raw] of params) {
    const value = SECRET_PARAMS.has(key.toLowerCase()) ? '[redacted]' : raw;
    const prior = out[key];
    out[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return out;
}
