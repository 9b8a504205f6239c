import { correctShippingAddress } from './address-correction';
import { applyInbound } from './inbound-update';
import { newOrderFromSnapshot } from './new-order';
import { actionFactsOf, allowedActions, assertActionAllowed } from './order-actions';
import {
  activeHolds,
  Hold,
  HoldAmbiguousError,
  holdActions,
  holdChangeEntries,
  HoldNotReleasableError,
  isHeld,
  NotHeldError,
  NotHoldableError,
  OnHoldError,
  placeHold,
  releaseHold,
} from './order-holds';
import { CanonicalOrder, ShippingAddress } from './order.types';
import { buildInboundSnapshot, buildOrder } from './testing';

const NOW = '2026-12-07T10:00:00.000Z';
const LATER = '2026-12-07T11:00:00.000Z';
const OPERATOR = 'api-key:0a1b2c3d';

const hold = (order: CanonicalOrder, reason: Hold['reason'] & ('fraud_review' | 'stock_check' | 'other'), note = `${reason} note`) =>
  placeHold(order, { reason, note, source: 'operator' }, OPERATOR, NOW)!.order;

describe('placeHold', () => {
  it('adds a hold with its reason, source, note, who and when, and one history entry naming it', () => {
    const { order, history } = placeHold(buildOrder({ id: 'ord_1' }), { reason: 'fraud_review', note: 'card country differs', source: 'operator' }, OPERATOR, NOW)!;
    expect(order.holds).toEqual([{ id: expect.stringMatching(/^hld_[0-9a-f]{12}$/), reason: 'fraud_review', source: 'operator', note: 'card country differs', placedBy: OPERATOR, placedAt: NOW }]);
    expect(order.status).toBe('ready');
    expect(order.updatedAt).toBe(NOW);
    expect(history).toEqual([
      expect.objectContaining({
        kind: 'annotation',
        from: 'ready',
        to: 'ready',
        cause: 'command',
        actor: OPERATOR,
        note: 'hold fraud_review placed (operator): card country differs',
        details: { placed: order.holds![0] },
      }),
    ]);
  });

  it('stacks holds of different reasons; a reason already held changes nothing (a retried request is harmless)', () => {
    const twice = hold(hold(buildOrder(), 'fraud_review'), 'stock_check');
    expect(activeHolds(twice).map((h) => h.reason)).toEqual(['fraud_review', 'stock_check']);
    expect(placeHold(twice, { reason: 'fraud_review', note: 'again', source: 'operator' }, OPERATOR, LATER)).toBeNull();
  });

  it('is refused once nothing is left to stop: handed to a provider, shipped or closed', () => {
    for (const status of ['fulfilling', 'shipped', 'cancelled', 'rejected'] as const) {
      expect(() => placeHold(buildOrder({ status }), { reason: 'other', note: 'x', source: 'operator' }, OPERATOR, NOW)).toThrow(NotHoldableError);
    }
    for (const status of ['pending', 'on_hold', 'ready'] as const) {
      expect(placeHold(buildOrder({ status }), { reason: 'other', note: 'x', source: 'operator' }, OPERATOR, NOW)).not.toBeNull();
    }
  });
});

describe('releaseHold', () => {
  it('releases the named hold and leaves the others; releasing the last removes the key', () => {
    const held = hold(hold(buildOrder(), 'fraud_review'), 'stock_check');
    const one = releaseHold(held, { reason: 'fraud_review', note: 'card checked' }, 'api-key:99999999', LATER);
    expect(activeHolds(one.order).map((h) => h.reason)).toEqual(['stock_check']);
    expect(one.history).toEqual([expect.objectContaining({ actor: 'api-key:99999999', note: 'hold fraud_review released (operator): card checked', details: { released: held.holds![0] } })]);
    const none = releaseHold(one.order, { reason: 'stock_check' }, OPERATOR, LATER);
    expect(none.order).not.toHaveProperty('holds');
    expect(isHeld(none.order)).toBe(false);
    // Without a note of its own the entry repeats the hold's.
    expect(none.history[0].note).toBe('hold stock_check released (operator): stock_check note');
  });

  it('releases the only hold when none is named; refuses to guess between several', () => {
    expect(isHeld(releaseHold(hold(buildOrder(), 'other'), {}, OPERATOR, LATER).order)).toBe(false);
    const two = hold(hold(buildOrder(), 'fraud_review'), 'stock_check');
    expect(() => releaseHold(two, {}, OPERATOR, LATER)).toThrow(HoldAmbiguousError);
    try {
      releaseHold(two, {}, OPERATOR, LATER);
    } catch (error) {
      expect((error as HoldAmbiguousError).details).toEqual({ holds: [expect.objectContaining({ reason: 'fraud_review' }), expect.objectContaining({ reason: 'stock_check' })] });
    }
  });

  it('refuses a reason the order is not held for, and an order without holds', () => {
    expect(() => releaseHold(hold(buildOrder(), 'fraud_review'), { reason: 'stock_check' }, OPERATOR, LATER)).toThrow(NotHeldError);
    expect(() => releaseHold(buildOrder(), {}, OPERATOR, LATER)).toThrow(NotHeldError);
  });

  it('refuses the system hold: it goes when the address is corrected', () => {
    const order = akinonOrderWithGap();
    expect(() => releaseHold(order, {}, OPERATOR, LATER)).toThrow(HoldNotReleasableError);
    expect(() => releaseHold(order, { reason: 'address_incomplete' }, OPERATOR, LATER)).toThrow(HoldNotReleasableError);
    // With an operator hold beside it, a release without a reason means the operator's.
    const both = hold(order, 'other');
    expect(activeHolds(releaseHold(both, {}, OPERATOR, LATER).order).map((h) => h.reason)).toEqual(['address_incomplete']);
  });
});

describe('what a hold stops', () => {
  it('refuses every fulfil mode with on_hold naming each hold, and keeps cancel and reject', () => {
    const held = hold(hold(buildOrder({ channel: 'joom' }), 'fraud_review', 'card check'), 'stock_check');
    for (const action of ['fulfill:tracking', 'fulfill:flexport', 'fulfill:online'] as const) {
      expect(() => assertActionAllowed(held, 'joom_v3', action)).toThrow(OnHoldError);
    }
    let refusal: OnHoldError | undefined;
    try {
      assertActionAllowed(held, 'joom_v3', 'fulfill:tracking');
    } catch (error) {
      refusal = error as OnHoldError;
    }
    expect(refusal!.code).toBe('on_hold');
    expect(refusal!.message).toContain('fraud_review (operator: card check); stock_check (operator: stock_check note)');
    expect(refusal!.details).toEqual({
      holds: [
        { id: held.holds![0].id, reason: 'fraud_review', source: 'operator', note: 'card check' },
        { id: held.holds![1].id, reason: 'stock_check', source: 'operator', note: 'stock_check note' },
      ],
      allowedActions: ['cancel', 'reject'],
    });
    expect(() => assertActionAllowed(held, 'joom_v3', 'cancel')).not.toThrow();
    expect(() => assertActionAllowed(held, 'joom_v3', 'reject')).not.toThrow();
  });

  it('leaves the state machine first: a pending held order is refused as an illegal transition, not on_hold', () => {
    expect(() => assertActionAllowed(hold(buildOrder({ status: 'pending' }), 'other'), 'joom_v3', 'fulfill:tracking')).toThrow(expect.objectContaining({ code: 'illegal_transition' }));
  });

  it('allowedActions (whole order and the stored projection alike) drops fulfil and offers release while held', () => {
    const order = buildOrder({ channel: 'joom' });
    const held = hold(order, 'fraud_review');
    expect(allowedActions(order, 'joom_v3')).toEqual(['fulfill:tracking', 'fulfill:flexport', 'fulfill:online', 'cancel', 'reject']);
    expect(holdActions(order)).toEqual([]);
    for (const view of [held, actionFactsOf(held)]) {
      expect(allowedActions(view, 'joom_v3')).toEqual(['cancel', 'reject']);
      expect(holdActions(view)).toEqual(['release']);
    }
    expect(actionFactsOf(held).holds).toEqual([{ reason: 'fraud_review', source: 'operator' }]);
    // An order never held keeps the projection it always had.
    expect(actionFactsOf(order)).not.toHaveProperty('holds');
    // Released: fulfil is back.
    expect(allowedActions(releaseHold(held, {}, OPERATOR, LATER).order, 'joom_v3')).toContain('fulfill:tracking');
  });

  it('offers no release for a system hold alone', () => {
    expect(holdActions(akinonOrderWithGap())).toEqual([]);
    expect(holdActions(hold(akinonOrderWithGap(), 'other'))).toEqual(['release']);
  });
});

const GAP: ShippingAddress = { name: 'Akinon Akinon', lines: ['Address Text'], city: '', region: null, postalCode: '34000', countryCode: 'TR', phone: null, email: null };
const COMPLETE: ShippingAddress = { ...GAP, city: 'İstanbul' };
const MONEY = { currency: 'TRY', total: '100.00', shipping: '0.00', discounts: '0.00' };
const snapshotWith = (address: ShippingAddress, missing: string[], fingerprint = 'fp-1') =>
  buildInboundSnapshot({
    status: 'ready',
    channelStatus: '200',
    fields: { shippingAddress: address, money: MONEY },
    address: { fingerprint, missing, unresolved: missing.length ? { city: 'uuid-city' } : {} },
  });
const identity = { id: 'ord_2', channel: 'akinon' as const, account: 'main', externalId: 'e2' };

function akinonOrderWithGap(): CanonicalOrder {
  return newOrderFromSnapshot(identity, snapshotWith(GAP, ['city']), NOW, NOW);
}

describe('address_incomplete as a system hold (docs/api-decisions.md HO-3)', () => {
  it('an order ingested with an address gap is held by the system, beside its attention flag', () => {
    const order = akinonOrderWithGap();
    expect(order.attention).toMatchObject({ code: 'address_incomplete' });
    expect(order.holds).toEqual([
      {
        id: expect.stringMatching(/^hld_/),
        reason: 'address_incomplete',
        source: 'system',
        note: order.attention!.message,
        placedBy: 'system',
        placedAt: NOW,
        details: { missing: ['city'], unresolved: { city: 'uuid-city' } },
      },
    ]);
    expect(() => assertActionAllowed(order, 'akinon', 'fulfill:flexport')).toThrow(OnHoldError);
    expect(holdChangeEntries(null, order, { at: NOW, cause: 'sync', actor: 'sync:akinon' })).toEqual([
      expect.objectContaining({ cause: 'sync', actor: 'sync:akinon', note: expect.stringMatching(/^hold address_incomplete placed \(system\): Shipping address lacks city/) }),
    ]);
  });

  it('the same gap again changes nothing; a sync with a resolving address releases it', () => {
    const order = akinonOrderWithGap();
    expect(applyInbound(order, snapshotWith(GAP, ['city']), LATER).changed).toBe(false);
    const resolved = applyInbound(order, snapshotWith(COMPLETE, [], 'fp-2'), LATER).order;
    expect(resolved).not.toHaveProperty('holds');
    expect(holdChangeEntries(order, resolved, { at: LATER, cause: 'sync', actor: 'sync:akinon' })).toEqual([
      expect.objectContaining({ note: expect.stringMatching(/^hold address_incomplete released \(system\)/), details: { released: order.holds![0] } }),
    ]);
  });

  it('stands while the attention slot holds another flag, and after the flag is resolved by hand', () => {
    const order = { ...akinonOrderWithGap(), attention: { code: 'command_failed' as const, message: 'x', since: NOW } };
    const next = applyInbound(order, buildInboundSnapshot({ status: 'ready', channelStatus: '200', channelUpdatedAt: LATER }), LATER).order;
    expect(activeHolds(next).map((h) => h.reason)).toEqual(['address_incomplete']);
    const resolvedByHand = { ...akinonOrderWithGap(), attention: null };
    const synced = applyInbound(resolvedByHand, buildInboundSnapshot({ status: 'ready', channelStatus: '200', channelUpdatedAt: LATER }), LATER).order;
    expect(activeHolds(synced).map((h) => h.reason)).toEqual(['address_incomplete']);
  });

  it('goes once the order is past where an address matters (the channel says it shipped)', () => {
    const shipped = applyInbound(akinonOrderWithGap(), { ...snapshotWith(GAP, ['city']), status: 'shipped', channelStatus: '500' }, LATER).order;
    expect(shipped.status).toBe('shipped');
    expect(isHeld(shipped)).toBe(false);
  });

  it('is released by an operator correction, with its own history entry, and keeps operator holds', () => {
    const order = hold(akinonOrderWithGap(), 'fraud_review');
    const change = correctShippingAddress(order, COMPLETE, OPERATOR, LATER)!;
    expect(activeHolds(change.order).map((h) => `${h.source}:${h.reason}`)).toEqual(['operator:fraud_review']);
    expect(change.order.attention).toBeNull();
    expect(change.history.map((entry) => entry.note)).toEqual(['shipping address corrected', expect.stringMatching(/^hold address_incomplete released \(system\)/)]);
    expect(change.history[1]).toMatchObject({ actor: OPERATOR, cause: 'command' });
  });
});
