import { ChannelProfile, OrderAction, actionFactsOf, allowedActions, assertActionAllowed, rejectableLineIds } from './order-actions';
import { AddressIncompleteError, CapabilityUnsupportedError, IllegalTransitionError, OnlineOnlyError } from './order-errors';
import { ORDER_STATUSES, OrderStatus } from './order-status';
import { CanonicalOrder, Fulfillment } from './order.types';
import { DeepPartial, buildFulfillment, buildLine, buildOrder, buildShipment } from './testing';

type Matrix = Partial<Record<OrderStatus, OrderAction[]>>;

// Written out by hand (not derived from the tables) so a table edit shows up here.
const EXPECTED: Record<ChannelProfile, Matrix> = {
  joom_v2: {
    pending: ['cancel', 'reject'],
    on_hold: ['cancel', 'reject'],
    ready: ['fulfill:tracking', 'fulfill:flexport', 'cancel', 'reject'],
    fulfilling: ['cancel'],
    shipped: ['modify_tracking'],
  },
  joom_v3: {
    pending: ['cancel', 'reject'],
    on_hold: ['cancel', 'reject'],
    ready: ['fulfill:tracking', 'fulfill:flexport', 'fulfill:online', 'cancel', 'reject'],
    fulfilling: ['cancel'],
    shipped: ['modify_tracking'],
  },
  akinon: {
    pending: ['cancel', 'reject'],
    on_hold: ['cancel', 'reject'],
    ready: ['fulfill:flexport', 'cancel', 'reject'],
    fulfilling: ['cancel'],
  },
  flexport: { pending: ['cancel'], on_hold: ['cancel'], ready: ['cancel'], fulfilling: ['cancel'] },
};

const ROWS = (Object.keys(EXPECTED) as ChannelProfile[]).flatMap((profile) => ORDER_STATUSES.map((status) => [profile, status, EXPECTED[profile][status] ?? []] as const));

describe('allowedActions', () => {
  it.each(ROWS)('%s in %s → %j', (profile, status, expected) => {
    // A merchant shipment exists so modify_tracking depends on state and capability only.
    const order = buildOrder({ status, fulfillment: buildFulfillment() });
    expect(allowedActions(order, profile)).toEqual(expected);
  });

  it.each<[ChannelProfile, 'online_only' | 'offline_only' | 'online_or_offline', OrderAction[]]>([
    ['joom_v3', 'online_only', ['fulfill:online', 'cancel', 'reject']],
    ['joom_v3', 'offline_only', ['fulfill:tracking', 'fulfill:flexport', 'cancel', 'reject']],
    ['joom_v3', 'online_or_offline', ['fulfill:tracking', 'fulfill:flexport', 'fulfill:online', 'cancel', 'reject']],
    ['joom_v2', 'online_only', ['cancel', 'reject']],
  ])('%s ready with requirement %s → %j', (profile, requirement, expected) => {
    const order = buildOrder({ status: 'ready', shippingConstraints: { requirement } });
    expect(allowedActions(order, profile)).toEqual(expected);
  });

  it('reject needs a line that can still be rejected', () => {
    const order = buildOrder({ status: 'ready', lines: [buildLine({ status: 'shipped' })] });
    expect(allowedActions(order, 'joom_v2')).not.toContain('reject');
    expect(allowedActions(order, 'joom_v2')).toContain('cancel');
  });

  it.each<[string, DeepPartial<Fulfillment> | null, boolean]>([
    ['no fulfillment', null, false],
    ['merchant without shipments', { provider: 'merchant', shipments: [] }, false],
    ['flexport shipment', { provider: 'flexport' }, false],
    ['merchant shipment', { provider: 'merchant' }, true],
  ])('modify_tracking with %s → %s', (_name, fulfillment, allowed) => {
    const order = buildOrder({ status: 'shipped', fulfillment: fulfillment === null ? null : buildFulfillment(fulfillment) });
    expect(allowedActions(order, 'joom_v3').includes('modify_tracking')).toBe(allowed);
  });
});

describe('assertActionAllowed', () => {
  it('passes when allowed', () => {
    expect(() => assertActionAllowed(buildOrder({ status: 'ready' }), 'akinon', 'fulfill:flexport')).not.toThrow();
  });

  it('throws CapabilityUnsupportedError when the profile lacks the action, even in a wrong state', () => {
    const order = buildOrder({ status: 'delivered' });
    expect(() => assertActionAllowed(order, 'akinon', 'fulfill:tracking')).toThrow(CapabilityUnsupportedError);
    expect(() => assertActionAllowed(order, 'akinon', 'fulfill:tracking')).toThrow(
      expect.objectContaining({
        code: 'capability_unsupported',
        channelProfile: 'akinon',
        action: 'fulfill:tracking',
        details: { channelProfile: 'akinon', action: 'fulfill:tracking' },
      }),
    );
  });

  it('throws IllegalTransitionError with the allowed actions when the state forbids it', () => {
    const order = buildOrder({ status: 'fulfilling' });
    expect(() => assertActionAllowed(order, 'joom_v2', 'fulfill:tracking')).toThrow(IllegalTransitionError);
    expect(() => assertActionAllowed(order, 'joom_v2', 'fulfill:tracking')).toThrow(
      expect.objectContaining({ code: 'illegal_transition', from: 'fulfilling', to: 'shipped', allowedActions: ['cancel'] }),
    );
  });

  it.each<[string, DeepPartial<CanonicalOrder>, ChannelProfile, OrderAction, string, OrderAction[]]>([
    ['tracking on an online-only order', { shippingConstraints: { requirement: 'online_only' } }, 'joom_v3', 'fulfill:tracking', 'online_only', ['fulfill:online', 'cancel', 'reject']],
    ['flexport on an online-only order', { shippingConstraints: { requirement: 'online_only' } }, 'joom_v3', 'fulfill:flexport', 'online_only', ['fulfill:online', 'cancel', 'reject']],
    ['tracking on an online-only Joom v2 order', { shippingConstraints: { requirement: 'online_only' } }, 'joom_v2', 'fulfill:tracking', 'online_only', ['cancel', 'reject']],
    [
      'online on an offline-only order',
      { shippingConstraints: { requirement: 'offline_only' } },
      'joom_v3',
      'fulfill:online',
      'offline_only',
      ['fulfill:tracking', 'fulfill:flexport', 'cancel', 'reject'],
    ],
    [
      'reject when every line has shipped',
      { lines: [buildLine({ status: 'shipped' })] },
      'joom_v3',
      'reject',
      'no_rejectable_lines',
      ['fulfill:tracking', 'fulfill:flexport', 'fulfill:online', 'cancel'],
    ],
    ['modify_tracking of a Flexport shipment', { status: 'shipped', fulfillment: { provider: 'flexport' } }, 'joom_v3', 'modify_tracking', 'tracking_not_modifiable', []],
    ['modify_tracking without a shipment', { status: 'shipped', fulfillment: { provider: 'merchant', shipments: [] } }, 'joom_v2', 'modify_tracking', 'tracking_not_modifiable', []],
  ])("refuses %s with the fact's own code, not illegal_transition", (_case, overrides, profile, action, code, allowed) => {
    const refusal = (() => {
      try {
        assertActionAllowed(buildOrder(overrides), profile, action);
      } catch (error) {
        return error;
      }
      throw new Error('expected a refusal');
    })();
    expect(refusal).toEqual(expect.objectContaining({ code, details: { action, allowedActions: allowed } }));
    expect(refusal).not.toBeInstanceOf(IllegalTransitionError);
  });

  it.each<[string, DeepPartial<CanonicalOrder>, OrderAction]>([
    ['an online-only order that has shipped', { status: 'shipped', shippingConstraints: { requirement: 'online_only' } }, 'fulfill:tracking'],
    ['a cancelled order without rejectable lines', { status: 'cancelled' }, 'reject'],
    ['a ready order, for modify_tracking', { status: 'ready' }, 'modify_tracking'],
  ])('keeps illegal_transition when the state rules the action out: %s', (_case, overrides, action) => {
    expect(() => assertActionAllowed(buildOrder(overrides), 'joom_v3', action)).toThrow(IllegalTransitionError);
  });
});

describe('rejectableLineIds', () => {
  it('lists lines in pending/on_hold/ready only', () => {
    const order = buildOrder({
      lines: ['pending', 'on_hold', 'ready', 'fulfilling', 'shipped', 'rejected'].map((status, i) => buildLine({ id: `l${i}`, status: status as OrderStatus })),
    });
    expect(rejectableLineIds(order)).toEqual(['l0', 'l1', 'l2']);
  });
});

describe('actionFactsOf', () => {
  it.each<[string, DeepPartial<CanonicalOrder>]>([
    ['ready', { status: 'ready' }],
    ['shipped with merchant tracking', { status: 'shipped', fulfillment: buildFulfillment({ provider: 'merchant', shipments: [buildShipment()] }) }],
    ['shipped through Flexport', { status: 'shipped', fulfillment: buildFulfillment({ provider: 'flexport', shipments: [buildShipment()] }) }],
    ['offline only', { status: 'ready', shippingConstraints: { requirement: 'offline_only' } }],
    ['one rejectable line of two', { status: 'ready', lines: [buildLine({ id: 'ln_1', status: 'rejected' }), buildLine({ id: 'ln_2', status: 'ready' })] }],
  ])('keeps every fact allowedActions reads (%s), for every profile', (_, overrides) => {
    const order = buildOrder(overrides);
    const facts = JSON.parse(JSON.stringify(actionFactsOf(order))) as ReturnType<typeof actionFactsOf>;
    for (const profile of ['joom_v2', 'joom_v3', 'akinon', 'flexport'] as ChannelProfile[]) {
      expect(allowedActions(facts, profile)).toEqual(allowedActions(order, profile));
    }
    expect(rejectableLineIds(facts)).toEqual(rejectableLineIds(order));
  });

  it('keeps no more than those facts (no addresses, prices or tracking numbers)', () => {
    const facts = actionFactsOf(buildOrder({ status: 'shipped', fulfillment: buildFulfillment({ provider: 'merchant', shipments: [buildShipment({ trackingNumber: '1Z999' })] }) }));
    expect(Object.keys(facts).sort()).toEqual(['addressProblems', 'fulfillment', 'lines', 'shippingConstraints', 'status']);
    expect(JSON.stringify(facts)).not.toContain('1Z999');
  });
});

describe('an incomplete shipping address (docs/api-decisions.md AK-8)', () => {
  const flag = { code: 'address_incomplete' as const, message: 'lacks city', since: '2024-01-01T00:00:00.000Z', details: { missing: ['city', 'township'] } };

  it('is not offered fulfill:flexport while address_incomplete is raised or a required field is empty', () => {
    expect(allowedActions(buildOrder({ channel: 'akinon', attention: flag }), 'akinon')).toEqual(['cancel', 'reject']);
    expect(allowedActions(buildOrder({ shippingAddress: { countryCode: '' } }), 'joom_v3')).toEqual(['fulfill:tracking', 'fulfill:online', 'cancel', 'reject']);
    expect(allowedActions(buildOrder({ shippingAddress: null }), 'akinon')).toEqual(['cancel', 'reject']);
    // The stored projection says the same without the address.
    expect(allowedActions(JSON.parse(JSON.stringify(actionFactsOf(buildOrder({ attention: flag })))), 'akinon')).toEqual(['cancel', 'reject']);
  });

  it('refuses fulfill:flexport with AddressIncompleteError naming the gaps, but a wrong state stays a 409', () => {
    expect(() => assertActionAllowed(buildOrder({ attention: flag }), 'akinon', 'fulfill:flexport')).toThrow(new AddressIncompleteError(['city', 'township']));
    expect(() => assertActionAllowed(buildOrder({ status: 'shipped', attention: flag }), 'akinon', 'fulfill:flexport')).toThrow(IllegalTransitionError);
    // Online-only rules Flexport out whatever the address: that is the refusal to name.
    expect(() => assertActionAllowed(buildOrder({ shippingConstraints: { requirement: 'online_only' }, attention: flag }), 'joom_v3', 'fulfill:flexport')).toThrow(OnlineOnlyError);
  });

  it('lets a complete address through again', () => {
    expect(() => assertActionAllowed(buildOrder({ channel: 'akinon' }), 'akinon', 'fulfill:flexport')).not.toThrow();
  });
});
