import { JoomV3Error } from './joom-v3.errors';
import { StoredV3Order } from './joom-v3.types';

/**
 * Cursor paging for `orders/multi` and `orders/unfulfilled`. Orders are read
 * in (updateTimestamp, id) order and `after` names the last one returned, so
 * a page never skips or repeats an order; one updated meanwhile moves to the
 * end and is read again, which is what an incremental sync needs.
 */
export interface Cursor {
  updatedMs: number;
  id: string;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

export function encodeCursor(stored: StoredV3Order): string {
  return Buffer.from(`${stored.updatedMs}:${stored.order.id}`).toString('base64url');
}

export function decodeCursor(raw: unknown): Cursor | null {
  if (raw === undefined || raw === '') return null;
  const match = typeof raw === 'string' ? /^(\d+):(\S+)$/.exec(Buffer.from(raw, 'base64url').toString()) : null;
  if (!match) throw JoomV3Error.invalidArgument('after', 'Invalid argument `after`: not a cursor returned by this API');
  return { updatedMs: Number(match[1]), id: match[2] };
}

/** `limit`: default 100, silently capped at 500; anything but a positive integer is refused. */
export function parseLimit(raw: unknown): number {
  if (raw === undefined || raw === '') return DEFAULT_LIMIT;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < 1) {
    throw JoomV3Error.invalidArgument('limit', `Invalid argument \`limit\`: expected a positive integer, got \`${String(raw)}\``);
  }
  return Math.min(Number(raw), MAX_LIMIT);
}

/** `updatedFrom`: an RFC 3339 date-time (or a bare date, read as UTC midnight). */
export function parseUpdatedFrom(raw: unknown): number | null {
  if (raw === undefined || raw === '') return null;
  const ok = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/i.test(raw);
  const ms = ok ? Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw) : NaN;
  if (Number.isNaN(ms)) {
    throw JoomV3Error.invalidArgument('updatedFrom', `Invalid argument \`updatedFrom\`: expected an RFC 3339 date-time, got \`${String(raw)}\``);
  }
  return ms;
}

export function compareByUpdate(a: StoredV3Order, b: StoredV3Order): number {
  return a.updatedMs - b.updatedMs || (a.order.id < b.order.id ? -1 : a.order.id > b.order.id ? 1 : 0);
}

export function isAfter(stored: StoredV3Order, cursor: Cursor): boolean {
  return stored.updatedMs > cursor.updatedMs || (stored.updatedMs === cursor.updatedMs && stored.order.id > cursor.id);
}
