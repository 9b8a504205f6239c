import { InvalidCursorError, UntrustedPagingLinkError } from './joom-errors';

/**
 * Paging pieces both Joom versions share: the opaque sync cursor (base64url
 * JSON, so it survives process restarts and needs no server-side state), the
 * check on Joom's absolute `paging.next` links, and the resume point.
 */

/** Default overlap when resuming: re-reading a little is safe, ingestion is idempotent and forward-only. */
export const DEFAULT_RESUME_OVERLAP_MS = 30_000;

export function encodeCursor(version: 'v2' | 'v3', state: object): string {
  return Buffer.from(JSON.stringify({ v: version, ...state }), 'utf8').toString('base64url');
}

/** Decodes a cursor of `version`; `check` validates the remaining fields. */
export function decodeCursor<T>(version: 'v2' | 'v3', cursor: string, check: (raw: Record<string, unknown>) => T | null): T {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor issued by the Joom adapter');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InvalidCursorError('not a cursor issued by the Joom adapter');
  const record = raw as Record<string, unknown>;
  if (record.v !== version) throw new InvalidCursorError(`issued for Joom API ${String(record.v)}, this adapter speaks ${version}`);
  const state = check(record);
  if (state === null) throw new InvalidCursorError('malformed fields');
  return state;
}

/** An ISO time or null, as cursors carry them. */
export function isIsoOrNull(value: unknown): value is string | null {
  return value === null || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
}

/**
 * The query of Joom's `paging.next`, only when the link points at the
 * configured host and the endpoint we asked; null when there is no next page.
 * The v2 document's own example has a doubled `??` — tolerated.
 */
export function trustedNextQuery(next: unknown, baseUrl: string, endpointPath: string): URLSearchParams | null {
  if (next === undefined || next === null || next === '') return null;
  if (typeof next !== 'string') throw new UntrustedPagingLinkError(String(next), 'not a URL');
  let link: URL;
  try {
    link = new URL(next);
  } catch {
    throw new UntrustedPagingLinkError(next, 'not an absolute URL');
  }
  const base = new URL(baseUrl);
  if (link.origin !== base.origin) throw new UntrustedPagingLinkError(next, `host is not ${base.host}`);
  const expectedPath = `${base.pathname.replace(/\/+$/, '')}${endpointPath}`;
  if (link.pathname !== expectedPath) throw new UntrustedPagingLinkError(next, `path is not ${expectedPath}`);
  return new URLSearchParams(link.search.replace(/^\?+/, ''));
}

/** The later of two ISO times (null = unknown). */
export function laterIso(a: string | null, b: string | null): string | null {
  // A value that is not a time (kept raw by the mapper) must not poison the cursor.
  const valid = (t: string | null): t is string => t !== null && !Number.isNaN(Date.parse(t));
  if (!valid(a)) return valid(b) ? b : null;
  if (!valid(b)) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export interface ResumeInput {
  /** Where this run started (null = the beginning of time). */
  from: string | null;
  /** The newest channel update time read in this run. */
  newestSeen: string | null;
  /**
   * The remote clock when the run's first page was read, for lists that do not
   * re-deliver an order changed after it was read (v2's offset paging): a
   * change made during the run is at or after this time. Null for lists that
   * re-deliver (v3's update-ordered cursor).
   */
  began: string | null;
  overlapMs: number;
}

/**
 * Where the next poll starts once this run caught up: the newest update seen
 * (or the run's start, if earlier), minus a small overlap, never before `from`.
 */
export function resumePoint({ from, newestSeen, began, overlapMs }: ResumeInput): string | null {
  const candidates = [newestSeen, began].map((t) => (t === null ? NaN : Date.parse(t))).filter((ms) => !Number.isNaN(ms));
  if (candidates.length === 0) return from;
  const point = new Date(Math.min(...candidates) - overlapMs).toISOString();
  return laterIso(from, point);
}

/** The caller's `since` (ISO) as a normalised ISO time; a value that is not a time is refused. */
export function sinceOption(since: string | undefined): string | null {
  if (since === undefined || since === '') return null;
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) throw new InvalidCursorError(`since "${since}" is not an ISO time`);
  return new Date(ms).toISOString();
}
