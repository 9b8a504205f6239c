import { deepEqual } from './deep-equal';
import { AddressFields, inboundAddress } from './inbound-address';
import { AT_PROVIDER, InboundFlag, InboundLine, mergeLines, regressedFlag, resolveLines, unmappedFlag } from './inbound-lines';
import { isClosedLineStatus, rollUpStatus } from './line-rollup';
import { missingAmountFlag } from './money-check';
import { followSystemHold } from './order-holds';
import { forwardPath, orderStateMachine } from './order-state-machine';
import { OrderStatus } from './order-status';
import { Attention, AttentionCode, CanonicalOrder, OrderLine } from './order.types';
import { InboundAddressCheck } from './shipping-address';
import { settledShipByFlag } from './ship-by-risk';

export type InboundFields = Partial<Pick<CanonicalOrder, 'externalNumber' | 'shippingAddress' | 'money' | 'shippingConstraints' | 'fulfillment' | 'cancellation' | 'returnOutcome' | 'placedAt'>>;

/** What an adapter produced from the channel. */
export interface InboundSnapshot {
  /** null = the channel status is not in the mapping table. */
  status: OrderStatus | null;
  /** Raw value, always recorded. */
  channelStatus: string;
  /**
   * Line statuses may be null-mapped the same way (`status` + `channelStatus`
   * per line). Lines count as carrying their own status when every line has a
   * `channelStatus`; otherwise they follow the order status. OrderLine[] fits.
   */
  lines: InboundLine[];
  channelUpdatedAt: string | null;
  fields: InboundFields;
  /** What the adapter knows about the address beyond its fields (gaps, raw-address fingerprint); absent = nothing more. */
  address?: InboundAddressCheck;
}

export interface InboundResult {
  order: CanonicalOrder;
  transitions: { from: OrderStatus; to: OrderStatus }[];
  changed: boolean;
  ignoredReason?: 'stale';
}

/** Attention codes owned by this function: set by a bad snapshot, cleared by a clean one. */
const INBOUND_CODES: readonly AttentionCode[] = ['unmapped_status', 'status_regressed', 'address_incomplete', 'amount_missing'];

/**
 * Applies a channel snapshot to the stored order, forward-only:
 * a stale poll or a late webhook never moves an order backwards, and an
 * unknown channel status is never guessed. Pure: returns a new order, leaves
 * `version` to the store, sets `updatedAt = now` only when something changed.
 */
export function applyInbound(current: CanonicalOrder, snapshot: InboundSnapshot, now: string): InboundResult {
  if (isOlder(snapshot.channelUpdatedAt, current.channelUpdatedAt)) {
    return { order: structuredClone(current), transitions: [], changed: false, ignoredReason: 'stale' };
  }

  const decision = decide(current, snapshot);
  const address = decision.trusted ? inboundAddress(current, snapshot, decision.status) : null;
  const fields = address ? channelFields(current, snapshot.fields, address.fields) : {};
  const money = fields.money ?? current.money;
  // One flag at a time, the most pressing first: a status problem, an address
  // gap (it blocks fulfilment), missing money; a snapshot without one clears it.
  const flag = decision.flags[0] ?? address?.flag ?? missingAmountFlag(money, decision.lines) ?? undefined;
  const status = decision.status;
  const shippingConstraints = fields.shippingConstraints ?? current.shippingConstraints;
  const next: CanonicalOrder = {
    ...current,
    ...fields,
    status,
    channelStatus: snapshot.channelStatus,
    lines: decision.lines,
    attention: settledShipByFlag({ status, shippingConstraints, attention: nextAttention(current.attention, flag, now) }),
    // Never move the channel clock backwards (a snapshot without one keeps ours).
    channelUpdatedAt: snapshot.channelUpdatedAt ?? current.channelUpdatedAt,
  };
  // The address gap is also a system hold while it stands (HO-3); an untrusted snapshot leaves the holds as they are.
  const held = address ? followSystemHold(next, 'address_incomplete', address.flag, now) : next;
  const changed = !deepEqual({ ...held, updatedAt: null }, { ...current, updatedAt: null });
  const order = structuredClone(changed ? { ...held, updatedAt: now } : current);
  return { order, transitions: decision.transitions, changed };
}

interface Decision {
  status: OrderStatus;
  lines: OrderLine[];
  transitions: { from: OrderStatus; to: OrderStatus }[];
  flags: InboundFlag[];
  /** False when the snapshot contradicts what we know: then its fields are not taken either. */
  trusted: boolean;
}

function decide(current: CanonicalOrder, snapshot: InboundSnapshot): Decision {
  const from = current.status;

  // Unknown order status: keep every status, take the data, flag it.
  if (snapshot.status === null) {
    const lines = mergeLines(current.lines, snapshot.lines, (stored, line) => stored?.status ?? line.status ?? from);
    return { status: from, lines, transitions: [], flags: [unmappedFlag(snapshot.channelStatus)], trusted: true };
  }

  const perLine = snapshot.lines.length > 0 && snapshot.lines.every((line) => line.channelStatus !== null);
  // Lines of an order handed to Flexport may be further than the channel knows (a partial cancel re-reads them).
  const atProvider = current.fulfillment?.provider === 'flexport';
  const resolved = perLine ? resolveLines(current.lines, snapshot.lines, from, atProvider) : null;
  const target = resolved ? rollUpStatus(resolved.lines) : snapshot.status;

  const path = forwardPath(from, target);
  // A rank-decreasing edge (cancelling → ready after one item's cancel went
  // through and the rest stayed approved) is accepted only when it is the
  // roll-up of lines that each moved forward: then it is news, not staleness.
  const linesJustify = resolved !== null && resolved.moved && resolved.flags.length === 0 && orderStateMachine.canTransition(from, target);
  const steps = path ?? (linesJustify ? [target] : null);

  if (steps === null && channelBehindProvider(current, target)) {
    // Not a regression: keep our state, take the channel's other news (an address change, say).
    return { status: from, lines: current.lines, transitions: [], flags: [], trusted: true };
  }
  if (steps === null) {
    return {
      status: from,
      lines: current.lines,
      transitions: [],
      flags: [regressedFlag(from, target, snapshot.channelStatus)],
      trusted: false,
    };
  }

  const lines = resolved
    ? resolved.lines
    : mergeLines(current.lines, snapshot.lines, (stored) => stored?.status ?? target).map((line) =>
        // Single-status channels: open lines follow the order; closed lines stay closed.
        isClosedLineStatus(line.status) ? line : { ...line, status: target },
      );
  const transitions = steps.map((to, i) => ({ from: i === 0 ? from : steps[i - 1], to }));
  return { status: target, lines, transitions, flags: resolved?.flags ?? [], trusted: true };
}

/**
 * True when the channel still says "ready" only because the gateway handed the
 * order to Flexport, which the channel knows nothing of until the tracking is
 * pushed (and the push may wait on a person: `carrier_unmapped`): the channel
 * is behind by design, not going backwards.
 */
function channelBehindProvider(current: CanonicalOrder, target: OrderStatus): boolean {
  const { fulfillment } = current;
  return target === 'ready' && fulfillment?.provider === 'flexport' && !fulfillment.trackingPushedAt && AT_PROVIDER.includes(current.status);
}

/**
 * A new inbound problem replaces an older inbound one (keeping `since` when it
 * is the same problem, so repeated polls change nothing) but never hides
 * another code such as `command_failed`. A clean snapshot clears only
 * inbound codes.
 */
function nextAttention(current: Attention | null, flag: InboundFlag | undefined, now: string): Attention | null {
  const ours = current !== null && INBOUND_CODES.includes(current.code);
  if (!flag) return ours ? null : current;
  // `ship_by_at_risk` is the least pressing flag: an inbound problem (it may block the shipment) takes its place.
  if (current !== null && !ours && current.code !== 'ship_by_at_risk') return current;
  const same = current !== null && current.code === flag.code && deepEqual(current.details, flag.details);
  return { code: flag.code, message: flag.message, since: same ? current.since : now, details: flag.details };
}

/** True when both times are known and `candidate` is strictly older. */
function isOlder(candidate: string | null, stored: string | null): boolean {
  if (candidate === null || stored === null) return false;
  const a = Date.parse(candidate);
  const b = Date.parse(stored);
  // Unparseable times fall back to string order (ISO strings sort correctly).
  return Number.isNaN(a) || Number.isNaN(b) ? candidate < stored : a < b;
}

/**
 * The snapshot's fields that may overwrite ours. Once the gateway routed the
 * order to a provider (Flexport, Joom Logistics), the channel only mirrors the
 * tracking we pushed as a "merchant" shipment: the provider's fulfillment
 * (its order id, status, shipments) stays the source of truth. The address
 * is whatever `inboundAddress` decided (an operator's correction may stand).
 */
function channelFields(current: CanonicalOrder, fields: InboundFields, address: AddressFields): InboundFields & AddressFields {
  const defined = definedFields(fields);
  const ownedByProvider = current.fulfillment !== null && current.fulfillment.provider !== 'merchant';
  if (ownedByProvider && defined.fulfillment?.provider === 'merchant') delete defined.fulfillment;
  delete defined.shippingAddress;
  return { ...defined, ...address };
}

/** `undefined` in a partial means "not sent", so it must not erase a stored value. */
function definedFields(fields: InboundFields): InboundFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as InboundFields;
}
