import { GatewayConfig } from '@app/config';
import { CanonicalOrder, OrderStatus, rollUpStatus } from '@app/orders';
import { buildLine, buildOrder, DeepPartial } from '@app/orders/testing';
import { driftTablesFor } from './drift-tables';
import { DriftKind } from './drift.types';
import { findDrift } from './find-drift';

const configWithJoom = (apiVersion: 'v2' | 'v3') => ({ channels: { joom: { apiVersion }, akinon: null, flexport: null } }) as unknown as GatewayConfig;
const V3 = driftTablesFor(configWithJoom('v3'));
const V2 = driftTablesFor(configWithJoom('v2'));

const atFlexport = (providerStatus: string, trackingPushedAt: string | null = null): DeepPartial<CanonicalOrder> => ({
  fulfillment: { provider: 'flexport', providerOrderId: '1234567', providerStatus, trackingPushedAt },
});
const PUSHED = '2024-01-16T10:00:00.000Z';

describe('findDrift', () => {
  it.each<[string, DeepPartial<CanonicalOrder>, DriftKind[]]>([
    // In agreement
    ['a ready Joom order Joom shows approved', {}, []],
    ['an order at Flexport (CREATED) the channel still shows approved', { status: 'fulfilling', ...atFlexport('CREATED') }, []],
    ['a Flexport ERROR while fulfilling', { status: 'fulfilling', ...atFlexport('ERROR') }, []],
    ['shipped at Flexport, tracking pushed, Joom shipped', { status: 'shipped', channelStatus: 'shipped', ...atFlexport('SHIPPED', PUSHED) }, []],
    ['delivered at Flexport, tracking pushed, Joom still shipped', { status: 'delivered', channelStatus: 'shipped', ...atFlexport('DELIVERED', PUSHED) }, []],
    ['a shipped Akinon order (500)', { channel: 'akinon', status: 'shipped', channelStatus: '500' }, []],
    ['an unmapped Joom status (already an attention)', { channelStatus: 'onHold' }, []],
    ['an unmapped Flexport status', { status: 'fulfilling', ...atFlexport('LOST') }, []],
    ['a Flexport-channel order', { channel: 'flexport', status: 'shipped', channelStatus: 'CREATED' }, []],
    ['Flexport CANCELLED on an order back at ready', { status: 'ready', ...atFlexport('CANCELLED') }, []],
    ['Flexport CANCELLED on a cancelled order', { status: 'cancelled', channelStatus: 'cancelled', ...atFlexport('CANCELLED') }, []],
    ['equal ranks, other outcome (Akinon rejected, order cancelled)', { channel: 'akinon', status: 'cancelled', channelStatus: '900' }, []],
    ['Flexport SHIPPED on an Akinon order already shipped (no tracking push for Akinon)', { channel: 'akinon', status: 'shipped', channelStatus: '500', ...atFlexport('SHIPPED') }, []],
    // Drifting
    ['shipped at Flexport, order still fulfilling, nothing pushed', { status: 'fulfilling', ...atFlexport('SHIPPED') }, ['flexport_shipped_not_on_channel', 'provider_ahead']],
    ['shipped at Flexport and here, Joom still approved', { status: 'shipped', ...atFlexport('SHIPPED') }, ['flexport_shipped_not_on_channel', 'channel_behind']],
    ['delivered at Flexport, tracking never pushed', { status: 'delivered', channelStatus: 'shipped', ...atFlexport('DELIVERED') }, ['flexport_shipped_not_on_channel']],
    ['delivered at Flexport, Akinon order still fulfilling', { channel: 'akinon', status: 'fulfilling', channelStatus: '200', ...atFlexport('DELIVERED') }, ['provider_ahead']],
    ['Flexport CANCELLED while fulfilling', { status: 'fulfilling', ...atFlexport('CANCELLED') }, ['provider_ahead']],
    ['Flexport CREATED while the order is still ready', { status: 'ready', ...atFlexport('CREATED') }, ['provider_ahead']],
    ['merchant-shipped, Joom still approved', { status: 'shipped', fulfillment: { provider: 'merchant' } }, ['channel_behind']],
    ['delivered, Akinon still approved', { channel: 'akinon', status: 'delivered', channelStatus: '200' }, ['channel_behind']],
    ['Akinon shipped, order still ready', { channel: 'akinon', status: 'ready', channelStatus: '500' }, ['channel_ahead']],
    ['Joom cancelled, order shipped', { status: 'shipped', channelStatus: 'cancelled', fulfillment: { provider: 'merchant' } }, ['channel_ahead']],
  ])('%s', (_name, overrides, kinds) => {
    expect(findDrift(buildOrder(overrides), V3).map((item) => item.kind)).toEqual(kinds);
  });

  describe('an Akinon order in two Flexport orders (docs/api-decisions.md FX-9): each part against its own lines', () => {
    const split = (lineStatuses: [string, string], parts: [string, string | null][]) =>
      buildOrder({
        channel: 'akinon',
        channelStatus: '200',
        status: rollUpStatus(lineStatuses.map((status) => ({ status: status as OrderStatus }))),
        lines: lineStatuses.map((status, i) => buildLine({ id: `l${i + 1}`, externalLineId: `e${i + 1}`, status: status as OrderStatus })),
        fulfillment: {
          provider: 'flexport',
          providerOrderId: `fx-${parts.length}`,
          providerStatus: parts[parts.length - 1][0],
          shipments: [],
          parts: parts.map(([providerStatus, lineId], i) => ({ attempt: i + 1, providerOrderId: `fx-${i + 1}`, providerStatus, lineIds: lineId ? [lineId] : [], shipments: [] })),
        },
      });

    it.each<[string, CanonicalOrder, DriftKind[]]>([
      ['one part CREATED, the other line still ready (the order is ready): in agreement', split(['fulfilling', 'ready'], [['CREATED', 'l1']]), []],
      [
        'one part SHIPPED and its line shipped, the other part CREATED',
        split(
          ['shipped', 'fulfilling'],
          [
            ['SHIPPED', 'l1'],
            ['CREATED', 'l2'],
          ],
        ),
        [],
      ],
      [
        'a part SHIPPED at Flexport while its line is still fulfilling',
        split(
          ['fulfilling', 'fulfilling'],
          [
            ['SHIPPED', 'l1'],
            ['CREATED', 'l2'],
          ],
        ),
        ['provider_ahead'],
      ],
    ])('%s', (_name, order, kinds) => {
      expect(findDrift(order, V3).map((item) => item.kind)).toEqual(kinds);
    });
  });

  it('reads Joom statuses through the configured API version', () => {
    const order = buildOrder({ status: 'ready', channelStatus: 'SHIPPED' });
    expect(findDrift(order, V2).map((item) => item.kind)).toEqual(['channel_ahead']);
    expect(findDrift(order, V3)).toEqual([]); // "SHIPPED" is not a v3 status
    expect(findDrift(buildOrder({ status: 'ready', channelStatus: 'APPROVED' }), V2)).toEqual([]);
  });

  it('describes each item with the order, both statuses, a sentence and since', () => {
    const order = buildOrder({ id: 'ord_0123', externalId: 'J-1', status: 'fulfilling', updatedAt: '2024-02-01T08:00:00.000Z', ...atFlexport('SHIPPED') });
    expect(findDrift(order, V3)).toEqual([
      {
        orderId: 'ord_0123',
        channel: 'joom',
        externalId: 'J-1',
        kind: 'flexport_shipped_not_on_channel',
        canonicalStatus: 'fulfilling',
        remoteStatus: 'SHIPPED',
        detail: 'Flexport reports SHIPPED but the tracking was never pushed to Joom, so Joom does not show the shipment.',
        since: '2024-02-01T08:00:00.000Z',
      },
      expect.objectContaining({ kind: 'provider_ahead', remoteStatus: 'SHIPPED', detail: 'Flexport reports SHIPPED (shipped) while the order is still fulfilling.' }),
    ]);
  });

  it('defaults to the Joom v3 table when Joom is not configured', () => {
    const tables = driftTablesFor({ channels: { joom: null, akinon: null, flexport: null } } as unknown as GatewayConfig);
    expect(tables.channels.joom).toBe(V3.channels.joom);
  });
});
