import { DomainError } from './domain-error';
import { fingerprintOf, ADDRESS_NEEDED_IN } from './shipping-address';
import { annotation } from './history-annotation';
import { followSystemHold, holdChangeEntries } from './order-holds';
import { CanonicalOrder, HistoryEntry, ShippingAddress } from './order.types';

/**
 * The order is past the point where its address matters to the gateway: it
 * was handed to a provider (which has its own copy), shipped, or closed
 * (REST: 409; docs/api-decisions.md AK-9).
 */
export class AddressNotCorrectableError extends DomainError {
  readonly code = 'address_not_correctable';

  constructor(readonly status: CanonicalOrder['status']) {
    super(`The shipping address of an order in "${status}" cannot be corrected (only in ${ADDRESS_NEEDED_IN.join(', ')})`, { status, correctableIn: ADDRESS_NEEDED_IN });
  }
}

/**
 * An operator's correction of the shipping address, for any channel
 * (`PUT /v1/orders/{id}/shipping-address`): the address is replaced, an
 * `address_incomplete` flag cleared, and the channel's raw-address
 * fingerprint at this moment remembered, so later syncs keep the correction
 * until the channel itself sends another address (AK-8). Pure: the caller
 * saves the result through the versioned store; `null` = nothing changes.
 */
export function correctShippingAddress(current: CanonicalOrder, address: ShippingAddress, actor: string, now: string): { order: CanonicalOrder; history: Omit<HistoryEntry, 'version'>[] } | null {
  if (!ADDRESS_NEEDED_IN.includes(current.status)) throw new AddressNotCorrectableError(current.status);
  const attention = current.attention?.code === 'address_incomplete' ? null : current.attention;
  // The corrected address is complete (the body requires every field a provider needs): its system hold goes too (HO-3).
  const released = followSystemHold(current, 'address_incomplete', null, now);
  const unchanged = JSON.stringify(current.shippingAddress) === JSON.stringify(address) && attention === current.attention && released === current && current.addressCorrection;
  if (unchanged) return null;
  // What the channel sent last: its raw-address fingerprint (Akinon), else the fingerprint of its mapped address.
  const channelFingerprint = current.addressCorrection?.channelFingerprint ?? current.channelAddressFingerprint ?? fingerprintOf(current.shippingAddress);
  const order = { ...released, shippingAddress: address, addressCorrection: { by: actor, at: now, channelFingerprint }, attention, updatedAt: now };
  return {
    order,
    history: [
      annotation(current, { at: now, cause: 'command', actor, note: 'shipping address corrected', details: { before: current.shippingAddress, after: address } }),
      ...holdChangeEntries(current, order, { at: now, cause: 'command', actor }),
    ],
  };
}
