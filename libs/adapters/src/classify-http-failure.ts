import { AxiosError, AxiosResponseHeaders, RawAxiosResponseHeaders } from 'axios';
import { RemoteNotFoundError, RemoteRefusedError, RemoteSystem, RemoteTransientError } from './remote-errors';

type Headers = RawAxiosResponseHeaders | AxiosResponseHeaders;

export interface HttpFailure {
  status: number;
  headers: Headers;
  /** The system's own message and code, read from its error shape by the client. */
  message: string;
  remoteCode?: string | null;
  /** What was not found, for a 404 (e.g. "order 123"). */
  what?: string;
}

/**
 * The one rule for every adapter: 429 and 5xx (and 408) are transient and
 * carry the wait the system asked for; 404 is "not found"; every other
 * status is a permanent refusal keeping the system's message.
 */
export function classifyHttpFailure(system: RemoteSystem, failure: HttpFailure): Error {
  const { status } = failure;
  if (status === 429 || status === 408 || status >= 500) {
    return new RemoteTransientError(system, `${system} answered ${status}: ${failure.message}`, status, retryAfterMs(failure.headers));
  }
  if (status === 404 && failure.what) return new RemoteNotFoundError(system, failure.what);
  return new RemoteRefusedError(system, `${system} refused (${status}): ${failure.message}`, status, failure.remoteCode ?? null);
}

/** Timeouts, resets, refused connections: no response at all, always transient. */
export function classifyTransportError(system: RemoteSystem, error: unknown): Error {
  const axiosError = error as AxiosError;
  const reason = axiosError.code ?? (error instanceof Error ? error.message : 'unknown transport error');
  return new RemoteTransientError(system, `${system} unreachable: ${reason}`, null, null);
}

/**
 * The wait a system asked for, in ms: `Retry-After` (seconds or an HTTP
 * date) or Joom's `X-Rate-Limit-Reset` (seconds left in the window).
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = header(headers, 'x-rate-limit-reset');
  if (reset !== null) {
    const seconds = Number(reset);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  }
  return null;
}

function header(headers: Headers, name: string): string | null {
  const value = (headers as Record<string, unknown>)[name];
  if (value === undefined || value === null) return null;
  return Array.isArray(value) ? String(value[0]) : String(value);
}
