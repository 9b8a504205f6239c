import { DomainError } from './domain-error';
import { annotation } from './history-annotation';
import type { InboundFlag } from './inbound-lines';
import { OrderStatus } from './order-status';
import { CanonicalOrder, HistoryEntry, TransitionCause } from './order.types';
import { fingerprintOf } from './shipping-address';

/*
 * Holds (docs/api-decisions.md HO-1 … HO-4): reasons the gateway must not
 * ship an order yet, kept in `holds[]` beside the status. The status keeps
 * mirroring the marketplace (its `on_hold` is Joom's REQUIRE_REVIEW); a hold
 * is the gateway's own. Pure functions: callers save through the versioned
 * store.
 */

/** Why an order is held. `address_incomplete` is placed and released by the gateway only (HO-3). */
export const HOLD_REASONS = ['fraud_review', 'payment_review', 'stock_check', 'address_check', 'customer_request', 'other', 'address_incomplete'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/** The reasons a person (or a rule) may place and release; the rest follow a fact the gateway checks. */
export const PLACEABLE_HOLD_REASONS = HOLD_REASONS.filter((reason) => reason !== 'address_incomplete');

/** Who placed a hold: a person over REST, a routing rule, or the gateway itself from an order fact. */
export const HOLD_SOURCES = ['operator', 'rule', 'system'] as const;
export type HoldSource = (typeof HOLD_SOURCES)[number];

export interface Hold {
  /** `hld_` + 12 hex digits, stable for the hold's life. */
  id: string;
  /** At most one hold per reason on an order, so the reason names it too (HO-2). */
  reason: HoldReason;
  source: HoldSource;
  note: string;
  /** The caller (`api-key:…`), the rule, or `system`. */
  placedBy: string;
  placedAt: string;
  /** What a system hold rests on, e.g. `{ missing }` of an incomplete address. */
  details?: Record<string, unknown>;
}

/** What `allowedActions` and the fulfil check read of a hold (also kept in the store's action facts). */
export type HoldFact = Pick<Hold, 'reason' | 'source'>;

/** The order's states in which a hold can still stop a shipment: nothing has been handed to a provider yet. */
export const HOLDABLE_IN: readonly OrderStatus[] = ['pending', 'on_hold', 'ready'];

/**
 * The action on holds the order view's `allowedActions` adds to the commands.
 * `hold` itself is not listed: it is open whenever the status is in
 * HOLDABLE_IN, and listing it on every open order would say nothing.
 */
export type HoldAction = 'release';

/** The order's holds, newest last; none when the order has never been held. */
export function activeHolds<H extends HoldFact>(order: { holds?: readonly H[] }): readonly H[] {
  return order.holds ?? [];
}

/** Whether anything holds the order back from shipping: what the fulfil check and a router consult. */
export function isHeld(order: { holds?: readonly HoldFact[] }): boolean {
  return activeHolds(order).length > 0;
}

/** `release` while the order has a hold a person may release (a system hold goes when its cause is fixed). */
export function holdActions(order: { holds?: readonly HoldFact[] }): HoldAction[] {
  return activeHolds(order).some((hold) => hold.source !== 'system') ? ['release'] : [];
}

/** A fulfil of a held order (REST: 409), naming every hold. */
export class OnHoldError extends DomainError {
  readonly code = 'on_hold';

  constructor(holds: readonly (HoldFact & Partial<Pick<Hold, 'id' | 'note'>>)[], allowedActions: readonly string[]) {
    const reasons = holds.map((hold) => `${hold.reason} (${hold.source}${hold.note ? `: ${hold.note}` : ''})`).join('; ');
    super(`The order is on hold — ${reasons}; it cannot be fulfilled until every hold is released (POST /v1/orders/{id}/release)`, {
      holds: holds.map(({ id, reason, source, note }) => ({ ...(id ? { id } : {}), reason, source, ...(note ? { note } : {}) })),
      allowedActions,
    });
  }
}

/** A hold on an order already handed to a provider, shipped or closed: nothing left to stop (REST: 409). */
export class NotHoldableError extends DomainError {
  readonly code = 'not_holdable';

  constructor(status: OrderStatus) {
    super(`An order in "${status}" cannot be held (only in ${HOLDABLE_IN.join(', ')}): it is past the point a hold could stop`, { status, holdableIn: HOLDABLE_IN });
  }
}

/** The release names no hold the order carries, or the order carries none (REST: 409). */
export class NotHeldError extends DomainError {
  readonly code = 'not_held';

  constructor(reason: HoldReason | undefined, holds: readonly Hold[]) {
    super(reason ? `The order has no ${reason} hold` : 'The order has no hold to release', { reason: reason ?? null, holds: holds.map(holdSummary) });
  }
}

/** A system hold is released by fixing what it names, not by hand (REST: 409; HO-3). */
export class HoldNotReleasableError extends DomainError {
  readonly code = 'hold_not_releasable';

  constructor(hold: Hold) {
    super(`The ${hold.reason} hold is the gateway's own and is released when its cause is fixed: ${hold.note}`, { hold: holdSummary(hold) });
  }
}

/** A release without a reason while several holds could be meant (REST: 409): name one. */
export class HoldAmbiguousError extends DomainError {
  readonly code = 'hold_ambiguous';

  constructor(holds: readonly Hold[]) {
    super(`The order has ${holds.length} holds a person may release (${holds.map((hold) => hold.reason).join(', ')}): name the one to release with "reason"`, {
      holds: holds.map(holdSummary),
    });
  }
}

type Change = { order: CanonicalOrder; history: Omit<HistoryEntry, 'version'>[] };

export interface HoldRequest {
  reason: HoldReason;
  note: string;
  source: Exclude<HoldSource, 'system'>;
}

/**
 * Places a hold (`POST /v1/orders/{id}/hold`, or a rule). One hold per
 * reason: a second hold with a reason already held changes nothing (`null`),
 * so a retried request is harmless (HO-2).
 */
export function placeHold(current: CanonicalOrder, request: HoldRequest, actor: string, now: string): Change | null {
  if (!HOLDABLE_IN.includes(current.status)) throw new NotHoldableError(current.status);
  if (activeHolds(current).some((hold) => hold.reason === request.reason)) return null;
  const hold = newHold(current, { reason: request.reason, source: request.source, note: request.note, placedBy: actor, placedAt: now });
  return {
    order: { ...current, holds: [...activeHolds(current), hold], updatedAt: now },
    history: [holdEntry(current, 'placed', hold, { at: now, cause: 'command', actor })],
  };
}

/**
 * Releases one hold a person may release (`POST /v1/orders/{id}/release`):
 * the one of `reason`, or the only one there is (HO-2). Releasing the last
 * hold lets the order be fulfilled (and routed) again.
 */
export function releaseHold(current: CanonicalOrder, request: { reason?: HoldReason; note?: string }, actor: string, now: string): Change {
  const holds = activeHolds(current);
  const named = request.reason ? holds.find((hold) => hold.reason === request.reason) : undefined;
  if (request.reason && !named) throw new NotHeldError(request.reason, holds);
  if (named?.source === 'system') throw new HoldNotReleasableError(named);
  const releasable = holds.filter((hold) => hold.source !== 'system');
  if (!named && releasable.length > 1) throw new HoldAmbiguousError(releasable);
  const hold = named ?? releasable[0];
  if (!hold) {
    if (holds.length > 0) throw new HoldNotReleasableError(holds[0]);
    throw new NotHeldError(undefined, holds);
  }
  const remaining = holds.filter((other) => other !== hold);
  return {
    order: withHolds({ ...current, updatedAt: now }, remaining),
    history: [holdEntry(current, 'released', hold, { at: now, cause: 'command', actor }, request.note)],
  };
}

/**
 * The system hold that follows an order fact (HO-3): placed when `flag` is
 * raised, its note and details kept up to date while it stands, released
 * when the flag is gone. The same array back when nothing changes, so a
 * snapshot that changes nothing still compares equal.
 */
export function followSystemHold(order: CanonicalOrder, reason: 'address_incomplete', flag: InboundFlag | null, now: string): CanonicalOrder {
  const holds = activeHolds(order);
  const standing = holds.find((hold) => hold.reason === reason && hold.source === 'system');
  if (!flag)
    return standing
      ? withHolds(
          order,
          holds.filter((hold) => hold !== standing),
        )
      : order;
  if (standing && standing.note === flag.message && fingerprintOf(standing.details) === fingerprintOf(flag.details)) return order;
  const hold: Hold = standing
    ? { ...standing, note: flag.message, details: flag.details }
    : newHold(order, { reason, source: 'system', note: flag.message, placedBy: 'system', placedAt: now, details: flag.details });
  return { ...order, holds: standing ? holds.map((other) => (other === standing ? hold : other)) : [...holds, hold] };
}

/**
 * History entries for the holds the gateway placed or released between two
 * versions of an order (a sync's system holds, an address correction): one
 * annotation each, so every hold has its entries whoever moved it.
 */
export function holdChangeEntries(
  before: Pick<CanonicalOrder, 'status' | 'holds'> | null,
  after: Pick<CanonicalOrder, 'status' | 'holds'>,
  entry: { at: string; cause: TransitionCause; actor: string },
): Omit<HistoryEntry, 'version'>[] {
  const old = before ? activeHolds(before) : [];
  const now = activeHolds(after);
  if (old === now || (old.length === 0 && now.length === 0)) return [];
  const ids = (holds: readonly Hold[]) => new Set(holds.map((hold) => hold.id));
  const [oldIds, newIds] = [ids(old), ids(now)];
  return [
    ...old.filter((hold) => !newIds.has(hold.id)).map((hold) => holdEntry(after, 'released', hold, entry)),
    ...now.filter((hold) => !oldIds.has(hold.id)).map((hold) => holdEntry(after, 'placed', hold, entry)),
  ];
}

function holdEntry(order: Pick<CanonicalOrder, 'status'>, what: 'placed' | 'released', hold: Hold, entry: { at: string; cause: TransitionCause; actor: string }, note?: string) {
  const text = what === 'placed' ? hold.note : (note ?? hold.note);
  return annotation(order, { ...entry, note: `hold ${hold.reason} ${what} (${hold.source}): ${text}`, details: { [what]: hold } });
}

function newHold(order: Pick<CanonicalOrder, 'id' | 'version'>, fields: Omit<Hold, 'id'>): Hold {
  // Derived, not random, so the decision stays pure: the order, its version and the reason make it unique.
  const id = `hld_${fingerprintOf([order.id, order.version, fields.reason, fields.placedAt]).slice(0, 12)}`;
  return { id, ...fields };
}

/** No holds left = no `holds` key, as on an order never held. */
function withHolds(order: CanonicalOrder, holds: readonly Hold[]): CanonicalOrder {
  if (holds.length > 0) return { ...order, holds: [...holds] };
  const { holds: _gone, ...rest } = order;
  return rest;
}

function holdSummary(hold: Hold): Pick<Hold, 'id' | 'reason' | 'source' | 'note'> {
  return { id: hold.id, reason: hold.reason, source: hold.source, note: hold.note };
}
