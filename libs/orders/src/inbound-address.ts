import type { InboundFlag } from './inbound-lines';
import type { InboundSnapshot } from './inbound-update';
import { OrderStatus } from './order-status';
import { CanonicalOrder } from './order.types';
import { ADDRESS_NEEDED_IN, fingerprintOf, shippingAddressGaps } from './shipping-address';

export type AddressFields = Partial<Pick<CanonicalOrder, 'shippingAddress' | 'channelAddressFingerprint' | 'addressCorrection'>>;

/**
 * The shipping address a snapshot leaves on the order, and the
 * `address_incomplete` flag it calls for (docs/api-decisions.md AK-8):
 *
 * - an operator's correction stays while the channel still sends the raw
 *   address it replaced (same fingerprint); a different one is news: the
 *   channel's address is taken again and the correction dropped;
 * - an address missing what a provider needs (or parts the adapter could
 *   not resolve) is flagged, naming the gaps, while the order still has to be
 *   shipped — never filled in by a guess.
 */
export function inboundAddress(current: CanonicalOrder | null, snapshot: InboundSnapshot, status: OrderStatus): { fields: AddressFields; flag: InboundFlag | null } {
  const needed = ADDRESS_NEEDED_IN.includes(status);
  const incoming = snapshot.fields.shippingAddress;
  if (incoming === undefined) {
    // Nothing sent about the address: a standing flag (or the system hold it placed, HO-3) stays while it matters.
    const flagged = current?.attention?.code === 'address_incomplete' ? current.attention : null;
    const held = current?.holds?.find((hold) => hold.reason === 'address_incomplete' && hold.source === 'system');
    const standing = !needed ? null : flagged ? { message: flagged.message, details: flagged.details } : held ? { message: held.note, details: held.details } : null;
    return { fields: {}, flag: standing && { code: 'address_incomplete', message: standing.message, details: standing.details ?? {} } };
  }
  const check = snapshot.address;
  const correction = current?.addressCorrection ?? null;
  // Only adapters that fingerprint the raw address store it; for the others it is the mapped address's own,
  // computed only when a correction needs comparing (ingest is a hot path).
  const remembered: AddressFields = check ? { channelAddressFingerprint: check.fingerprint } : {};
  if (correction && correction.channelFingerprint === (check?.fingerprint ?? fingerprintOf(incoming))) return { fields: remembered, flag: null };

  const fields: AddressFields = { shippingAddress: incoming, ...remembered, ...(correction ? { addressCorrection: null } : {}) };
  const missing = [...new Set([...(check?.missing ?? []), ...shippingAddressGaps(incoming)])];
  if (missing.length === 0 || !needed) return { fields, flag: null };
  return { fields, flag: addressIncompleteFlag(missing, check?.unresolved) };
}

export function addressIncompleteFlag(missing: string[], unresolved?: Record<string, string | null>): InboundFlag {
  const raw = unresolved && Object.keys(unresolved).length > 0 ? unresolved : undefined;
  const which = raw
    ? ` (unresolved: ${Object.entries(raw)
        .map(([field, value]) => `${field} ${value}`)
        .join(', ')})`
    : '';
  return {
    code: 'address_incomplete',
    message: `Shipping address lacks ${missing.join(', ')}${which}; correct it with PUT /v1/orders/{id}/shipping-address`,
    details: raw ? { missing, unresolved: raw } : { missing },
  };
}
