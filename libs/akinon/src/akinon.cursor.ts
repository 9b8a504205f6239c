import { DomainError } from '@app/orders';

/** A cursor this adapter did not write (or a corrupted one). */
export class InvalidAkinonCursorError extends DomainError {
  readonly code = 'invalid_cursor';

  constructor(reason: string) {
    super(`Invalid Akinon cursor: ${reason}`, { reason });
  }
}

/**
 * Where a poll of `orders/` stands. Pages are numbered over a fixed filter
 * (`updated_at__gte=since`, creation order), so an order that changes
 * mid-run keeps its place and is neither skipped nor repeated; `runStart`
 * (the server's clock at page 1) is where the next run starts, so changes to
 * pages already read are caught then.
 */
export interface OrdersCursor {
  k: 'orders';
  since: string | null;
  page: number;
  limit: number;
  runStart: string | null;
}

/** Where a read of `cancellation-plans/` stands (creation order; new plans append at the end). */
export interface PlansCursor {
  k: 'plans';
  page: number;
  limit: number;
  order: string | null;
}

export type AkinonCursor = OrdersCursor | PlansCursor;

/** Opaque and durable: base64url JSON, versioned so a later format can still read it. */
export function encodeCursor(cursor: AkinonCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, ...cursor }), 'utf8').toString('base64url');
}

export function decodeCursor<K extends AkinonCursor['k']>(raw: string, kind: K): Extract<AkinonCursor, { k: K }> {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new InvalidAkinonCursorError('not base64url JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || parsed.v !== 1) throw new InvalidAkinonCursorError('unknown version');
  if (parsed.k !== kind) throw new InvalidAkinonCursorError(`expected a ${kind} cursor`);
  if (!isPositiveInt(parsed.page) || !isPositiveInt(parsed.limit)) throw new InvalidAkinonCursorError('bad page or limit');
  const { v: _version, ...cursor } = parsed;
  if (kind === 'orders' && (!isTimeOrNull(parsed.since) || !isTimeOrNull(parsed.runStart))) {
    throw new InvalidAkinonCursorError('bad since or runStart');
  }
  if (kind === 'plans' && parsed.order !== null && typeof parsed.order !== 'string') throw new InvalidAkinonCursorError('bad order');
  return cursor as unknown as Extract<AkinonCursor, { k: K }>;
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function isTimeOrNull(value: unknown): boolean {
  return value === null || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
}
