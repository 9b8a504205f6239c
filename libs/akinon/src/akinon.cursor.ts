import { DomainError } from '@app/orders';

/** A cursor this adapter did not write (or a corrupted one). */
export class InvalidAkinonCursorError extends DomainError {
  readonly code = 'invalid_cursor';

  constructor(reason: string) {
    super(`Invalid Akinon cursor: ${reason}`, { reason });
  }
}

/**
 * Where a poll of `orders/` stands: the next closed window
 * `[from, from + span)` of `updated_at`, capped at `end` (the server's clock
 * at the run's first read). Windows are read whole, so the order the server
 * lists them in never matters (docs/api-decisions.md AK-5).
 */
export interface OrdersCursor {
  k: 'orders';
  /** Where the run started (what the next run's overlap is measured against). */
  since: string | null;
  /** Start of the next window (inclusive); null = the beginning. */
  from: string | null;
  /** The run's upper bound (exclusive); null until the run's first answer fixes it. */
  end: string | null;
  /** Length of the next window in ms; null = up to `end`. */
  span: number | null;
  limit: number;
}

/**
 * Where a read of `cancellation-plans/` stands: the next `created_at__date`
 * day to read, up to `end` (inclusive), or one order's plans (`order`).
 */
export interface PlansCursor {
  k: 'plans';
  /** Next day to read (YYYY-MM-DD); null = the run starts from its look-back. */
  date: string | null;
  end: string | null;
  limit: number;
  order: string | null;
}

export type AkinonCursor = OrdersCursor | PlansCursor;

const VERSION = 2;

/** Opaque and durable: base64url JSON, versioned so a later format can still read it. */
export function encodeCursor(cursor: AkinonCursor): string {
  return Buffer.from(JSON.stringify({ v: VERSION, ...cursor }), 'utf8').toString('base64url');
}

export function decodeCursor<K extends AkinonCursor['k']>(raw: string, kind: K): Extract<AkinonCursor, { k: K }> {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new InvalidAkinonCursorError('not base64url JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || (parsed.v !== 1 && parsed.v !== VERSION)) throw new InvalidAkinonCursorError('unknown version');
  if (parsed.k !== kind) throw new InvalidAkinonCursorError(`expected a ${kind} cursor`);
  if (!isPositiveInt(parsed.limit)) throw new InvalidAkinonCursorError('bad limit');
  const cursor = parsed.v === 1 ? fromVersion1(parsed) : parsed;
  if (kind === 'orders') {
    if (!isTimeOrNull(cursor.since) || !isTimeOrNull(cursor.from) || !isTimeOrNull(cursor.end)) throw new InvalidAkinonCursorError('bad since, from or end');
    if (cursor.span !== null && !isPositiveInt(cursor.span)) throw new InvalidAkinonCursorError('bad span');
  } else {
    if (!isDayOrNull(cursor.date) || !isDayOrNull(cursor.end)) throw new InvalidAkinonCursorError('bad date or end');
    if (cursor.order !== null && typeof cursor.order !== 'string') throw new InvalidAkinonCursorError('bad order');
  }
  const { v: _version, ...rest } = cursor;
  return rest as unknown as Extract<AkinonCursor, { k: K }>;
}

/** A cursor stored by the page-number format (v1) resumes where it stood: orders from its `since`, plans from the look-back. */
function fromVersion1(old: Record<string, unknown>): Record<string, unknown> {
  if (old.k === 'orders') return { k: 'orders', since: old.since ?? null, from: old.since ?? null, end: null, span: null, limit: old.limit };
  return { k: 'plans', date: null, end: null, limit: old.limit, order: old.order ?? null };
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function isTimeOrNull(value: unknown): boolean {
  return value === null || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
}

function isDayOrNull(value: unknown): boolean {
  return value === null || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)));
}
