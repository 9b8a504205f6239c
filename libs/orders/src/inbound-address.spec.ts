import { correctShippingAddress, AddressNotCorrectableError } from './address-correction';
import { applyInbound } from './inbound-update';
import { newOrderFromSnapshot } from './new-order';
import { ShippingAddress } from './order.types';
import { InboundAddressCheck } from './shipping-address';
import { buildInboundSnapshot, buildOrder } from './testing';

const NOW = '2024-01-16T00:00:00.000Z';
const LATER = '2024-01-16T01:00:00.000Z';
const UNRESOLVED_ADDRESS: ShippingAddress = { name: 'Akinon Akinon', lines: ['Address Text'], city: '', region: null, postalCode: '34000', countryCode: '', phone: null, email: null };
const CORRECTED: ShippingAddress = { ...UNRESOLVED_ADDRESS, city: 'İstanbul', countryCode: 'TR' };
const check = (fingerprint: string, missing: string[] = ['city', 'countryCode']): InboundAddressCheck => ({
  fingerprint,
  missing,
  unresolved: missing.length ? { city: 'uuid-city', country: 'uuid-country' } : {},
});
const MONEY = { currency: 'TRY', total: '100.00', shipping: '0.00', discounts: '0.00' };
const snapshotWith = (address: ShippingAddress, addressCheck?: InboundAddressCheck) =>
  buildInboundSnapshot({ status: 'ready', channelStatus: '200', fields: { shippingAddress: address, money: MONEY }, address: addressCheck });

describe('address_incomplete on ingest (docs/api-decisions.md AK-7, AK-8)', () => {
  const identity = { id: 'ord_1', channel: 'akinon' as const, account: 'main', externalId: 'e1' };

  it('flags a new order whose address the adapter could not resolve, with the gaps and the raw uuids', () => {
    const order = newOrderFromSnapshot(identity, snapshotWith(UNRESOLVED_ADDRESS, check('fp-1')), NOW, NOW);
    expect(order.attention).toEqual({
      code: 'address_incomplete',
      message: expect.stringContaining('city, countryCode'),
      since: NOW,
      details: { missing: ['city', 'countryCode'], unresolved: { city: 'uuid-city', country: 'uuid-country' } },
    });
    expect(order.channelAddressFingerprint).toBe('fp-1');
  });

  it('flags any channel whose address lacks what a provider needs, but only while the order is still to be shipped', () => {
    const joom = newOrderFromSnapshot({ ...identity, channel: 'joom' }, snapshotWith({ ...CORRECTED, city: ' ' }), NOW, NOW);
    expect(joom.attention).toMatchObject({ code: 'address_incomplete', details: { missing: ['city'] } });
    expect(joom.channelAddressFingerprint).toBeUndefined();
    const delivered = newOrderFromSnapshot(identity, { ...snapshotWith(UNRESOLVED_ADDRESS, check('fp-1')), status: 'delivered', channelStatus: '600' }, NOW, NOW);
    expect(delivered.attention).toBeNull();
  });

  it('clears the flag when the channel later sends an address that resolves, and keeps it (same since) while it does not', () => {
    const flagged = newOrderFromSnapshot(identity, snapshotWith(UNRESOLVED_ADDRESS, check('fp-1')), NOW, NOW);
    const again = applyInbound(flagged, snapshotWith(UNRESOLVED_ADDRESS, check('fp-1')), LATER);
    expect(again.changed).toBe(false);
    const resolved = applyInbound(flagged, snapshotWith(CORRECTED, check('fp-1', [])), LATER);
    expect(resolved.order).toMatchObject({ attention: null, shippingAddress: CORRECTED });
  });
});

describe('operator correction and later syncs', () => {
  const flagged = () =>
    buildOrder({
      channel: 'akinon',
      shippingAddress: UNRESOLVED_ADDRESS,
      channelAddressFingerprint: 'fp-1',
      attention: { code: 'address_incomplete', message: 'lacks city', since: NOW, details: { missing: ['city', 'countryCode'] } },
    });

  it('stores the address, clears address_incomplete, remembers the channel fingerprint and records before/after', () => {
    const change = correctShippingAddress(flagged(), CORRECTED, 'api-key:1234abcd', LATER)!;
    expect(change.order).toMatchObject({ shippingAddress: CORRECTED, attention: null, updatedAt: LATER, addressCorrection: { by: 'api-key:1234abcd', at: LATER, channelFingerprint: 'fp-1' } });
    expect(change.history).toEqual([expect.objectContaining({ kind: 'annotation', cause: 'command', actor: 'api-key:1234abcd', details: { before: UNRESOLVED_ADDRESS, after: CORRECTED } })]);
  });

  it('keeps another flag than address_incomplete, and refuses once the order is past ready', () => {
    const other = { code: 'command_failed' as const, message: 'x', since: NOW };
    expect(correctShippingAddress({ ...flagged(), attention: other }, CORRECTED, 'op', LATER)!.order.attention).toEqual(other);
    for (const status of ['fulfilling', 'shipped', 'cancelled'] as const) {
      expect(() => correctShippingAddress(buildOrder({ status }), CORRECTED, 'op', LATER)).toThrow(AddressNotCorrectableError);
    }
  });

  it('a sync with the same raw address keeps the correction and raises no flag', () => {
    const corrected = correctShippingAddress(flagged(), CORRECTED, 'op', LATER)!.order;
    const synced = applyInbound(corrected, snapshotWith(UNRESOLVED_ADDRESS, check('fp-1')), LATER);
    expect(synced.order).toMatchObject({ shippingAddress: CORRECTED, attention: null, addressCorrection: { channelFingerprint: 'fp-1' } });
  });

  it('a sync with another raw address takes the channel’s again: flagged when it does not resolve, clean when it does', () => {
    const corrected = correctShippingAddress(flagged(), CORRECTED, 'op', LATER)!.order;
    const moved = applyInbound(corrected, snapshotWith({ ...UNRESOLVED_ADDRESS, lines: ['Yeni Sk. 3'] }, check('fp-2')), LATER);
    expect(moved.order).toMatchObject({ shippingAddress: { lines: ['Yeni Sk. 3'], city: '' }, addressCorrection: null, channelAddressFingerprint: 'fp-2', attention: { code: 'address_incomplete' } });
    const good = { ...CORRECTED, lines: ['Yeni Sk. 3'], city: 'İzmir' };
    const resolved = applyInbound(corrected, snapshotWith(good, check('fp-3', [])), LATER);
    expect(resolved.order).toMatchObject({ shippingAddress: good, addressCorrection: null, attention: null });
  });

  it('works for a channel without a raw fingerprint: the mapped address is the fingerprint', () => {
    const joomAddress = { ...CORRECTED, city: '' };
    const joom = buildOrder({ channel: 'joom', shippingAddress: joomAddress });
    const corrected = correctShippingAddress(joom, CORRECTED, 'op', LATER)!.order;
    expect(applyInbound(corrected, snapshotWith(joomAddress), LATER).order.shippingAddress).toEqual(CORRECTED);
    expect(applyInbound(corrected, snapshotWith({ ...joomAddress, postalCode: '1' }), LATER).order.shippingAddress).toEqual({ ...joomAddress, postalCode: '1' });
  });
});
