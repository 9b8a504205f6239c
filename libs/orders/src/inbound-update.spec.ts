import { applyInbound } from './inbound-update';
import { OrderStatus } from './order-status';
import { Attention } from './order.types';
import { buildInboundSnapshot, buildLine, buildOrder } from './testing';

const NOW = '2024-01-16T00:00:00.000Z';
const EARLIER = '2024-01-15T10:00:00.000Z'; // the factory's channelUpdatedAt
const LATER = '2024-01-15T11:00:00.000Z';

describe('applyInbound', () => {
  describe('staleness', () => {
    it('ignores a snapshot older than the stored channel time entirely', () => {
      const current = buildOrder({ status: 'ready' });
      const result = applyInbound(current, buildInboundSnapshot({ status: 'shipped', channelStatus: 'SHIPPED', channelUpdatedAt: '2024-01-15T09:59:59.000Z' }), NOW);
      expect(result).toEqual({ order: current, transitions: [], changed: false, ignoredReason: 'stale' });
    });

    it('applies a snapshot without a channel time and keeps the stored time', () => {
      const result = applyInbound(buildOrder(), buildInboundSnapshot({ status: 'shipped', channelUpdatedAt: null }), NOW);
      expect(result.order.status).toBe('shipped');
      expect(result.order.channelUpdatedAt).toBe(EARLIER);
      expect(result.ignoredReason).toBeUndefined();
    });
  });

  describe('forward moves', () => {
    it('a multi-step forward path yields one transition per step', () => {
      const result = applyInbound(buildOrder({ status: 'ready' }), buildInboundSnapshot({ status: 'delivered', channelStatus: '600' }), NOW);
      expect(result.transitions).toEqual([
        { from: 'ready', to: 'shipped' },
        { from: 'shipped', to: 'delivered' },
      ]);
      expect(result.order).toMatchObject({ status: 'delivered', channelStatus: '600', updatedAt: NOW, channelUpdatedAt: LATER });
      expect(result.order.lines.map((l) => l.status)).toEqual(['delivered']); // single-status: line follows
      expect(result.changed).toBe(true);
    });

    it('does not change version and never mutates its input', () => {
      const current = buildOrder({ status: 'ready', version: 7 });
      const copy = structuredClone(current);
      const result = applyInbound(current, buildInboundSnapshot({ status: 'shipped' }), NOW);
      expect(current).toEqual(copy);
      expect(result.order).not.toBe(current);
      expect(result.order.version).toBe(7);
    });
  });

  describe('backward and unknown statuses', () => {
    it('flags a backward move as status_regressed and keeps state and fields', () => {
      const current = buildOrder({ status: 'shipped' });
      const result = applyInbound(current, buildInboundSnapshot({ status: 'ready', channelStatus: 'APPROVED', fields: { externalNumber: 'N-1' } }), NOW);
      expect(result.order.status).toBe('shipped');
      expect(result.order.lines).toEqual(current.lines);
      expect(result.order.externalNumber).toBeNull();
      expect(result.order.channelStatus).toBe('APPROVED');
      expect(result.transitions).toEqual([]);
      expect(result.order.attention).toMatchObject({
        code: 'status_regressed',
        since: NOW,
        details: { from: 'shipped', to: 'ready', rawStatus: 'APPROVED' },
      });
      expect(result.changed).toBe(true);
    });

    it('flags an unknown status as unmapped_status with the raw value and keeps the state', () => {
      const result = applyInbound(buildOrder({ status: 'ready' }), buildInboundSnapshot({ status: null, channelStatus: 'MYSTERY', fields: { externalNumber: 'N-2' } }), NOW);
      expect(result.order.status).toBe('ready');
      expect(result.order.channelStatus).toBe('MYSTERY');
      expect(result.order.externalNumber).toBe('N-2');
      expect(result.transitions).toEqual([]);
      expect(result.order.attention).toEqual({
        code: 'unmapped_status',
        message: expect.stringContaining('MYSTERY'),
        since: NOW,
        details: { rawStatus: 'MYSTERY' },
      });
    });

    it('repeating the same unknown status changes nothing (since kept, changed false)', () => {
      const first = applyInbound(buildOrder(), buildInboundSnapshot({ status: null, channelStatus: 'MYSTERY' }), NOW);
      const second = applyInbound(first.order, buildInboundSnapshot({ status: null, channelStatus: 'MYSTERY' }), '2024-02-01T00:00:00.000Z');
      expect(second.changed).toBe(false);
      expect(second.order).toEqual(first.order);
    });
  });

  describe('attention', () => {
    const flagged = (code: Attention['code']) => buildOrder({ status: 'ready', attention: { code, message: 'x', since: EARLIER, details: { rawStatus: 'X' } } });

    it.each(['unmapped_status', 'status_regressed'] as const)('a clean snapshot clears %s', (code) => {
      const result = applyInbound(flagged(code), buildInboundSnapshot({ status: 'ready' }), NOW);
      expect(result.order.attention).toBeNull();
      expect(result.changed).toBe(true);
    });

    it.each(['command_failed', 'fulfillment_error', 'cancel_refused', 'remote_missing'] as const)('a clean snapshot keeps %s', (code) => {
      const result = applyInbound(flagged(code), buildInboundSnapshot({ status: 'shipped' }), NOW);
      expect(result.order.attention?.code).toBe(code);
    });

    it('flags money the channel left out (amount_missing), keeps the flag while it is missing, clears it when the amount arrives', () => {
      const money = { currency: 'EUR', total: '9.00', shipping: '0.00', discounts: '0.00' };
      const flaggedNow = applyInbound(buildOrder({ status: 'ready' }), buildInboundSnapshot({ status: 'ready', fields: { money: { ...money, total: null } } }), NOW);
      expect(flaggedNow.order.money.total).toBeNull();
      expect(flaggedNow.order.attention).toEqual(expect.objectContaining({ code: 'amount_missing', details: { fields: ['money.total'] } }));
      // A snapshot that carries no money says nothing about it: the flag stays.
      expect(applyInbound(flaggedNow.order, buildInboundSnapshot({ status: 'ready' }), LATER).order.attention?.code).toBe('amount_missing');
      const fixed = applyInbound(flaggedNow.order, buildInboundSnapshot({ status: 'ready', fields: { money } }), LATER);
      expect([fixed.order.money.total, fixed.order.attention]).toEqual(['9.00', null]);
    });

    it('a status problem outranks missing money', () => {
      const snapshot = buildInboundSnapshot({ status: null, channelStatus: 'Q', fields: { money: { currency: null, total: null, shipping: null, discounts: null } } });
      expect(applyInbound(buildOrder({ status: 'ready' }), snapshot, NOW).order.attention?.code).toBe('unmapped_status');
    });

    it('a new inbound problem does not hide another attention code', () => {
      const result = applyInbound(flagged('command_failed'), buildInboundSnapshot({ status: null, channelStatus: 'Q' }), NOW);
      expect(result.order.attention?.code).toBe('command_failed');
      expect(result.order.channelStatus).toBe('Q');
    });
  });

  describe('same status', () => {
    it('merges defined fields only', () => {
      const current = buildOrder({ status: 'ready', externalNumber: 'OLD' });
      const money = { currency: 'EUR', total: '9.99', shipping: '0.00', discounts: '0.00' };
      const result = applyInbound(current, buildInboundSnapshot({ status: 'ready', fields: { money, externalNumber: undefined } }), NOW);
      expect(result.order).toMatchObject({ status: 'ready', money, externalNumber: 'OLD' });
      expect(result.transitions).toEqual([]);
      expect(result.changed).toBe(true);
    });

    it('reports changed:false and keeps updatedAt when nothing differs', () => {
      const current = buildOrder({ status: 'ready', channelUpdatedAt: LATER });
      const result = applyInbound(current, buildInboundSnapshot({ status: 'ready', channelStatus: 'approved' }), NOW);
      expect(result).toEqual({ order: current, transitions: [], changed: false });
    });
  });

  describe('per-line statuses (roll-up)', () => {
    const twoLines = (a: OrderStatus, b: OrderStatus) =>
      buildOrder({ status: 'ready', lines: [buildLine({ id: 'a', externalLineId: 'A', status: a }), buildLine({ id: 'b', externalLineId: 'B', status: b })] });
    const inLine = (externalLineId: string, status: OrderStatus | null, channelStatus: string) => ({ ...buildLine({ id: `new-${externalLineId}`, externalLineId }), status, channelStatus });

    it('a partially shipped order stays ready; the shipped line moves', () => {
      const result = applyInbound(
        twoLines('ready', 'ready'),
        buildInboundSnapshot({ status: 'shipped', channelStatus: '500', lines: [inLine('A', 'shipped', '500'), inLine('B', 'ready', '200')] }),
        NOW,
      );
      expect(result.order.status).toBe('ready');
      expect(result.order.lines.map((l) => [l.id, l.status])).toEqual([
        ['a', 'shipped'],
        ['b', 'ready'],
      ]);
      expect(result.transitions).toEqual([]);
    });

    it('rolls up to rejected when every line is rejected', () => {
      const result = applyInbound(twoLines('ready', 'ready'), buildInboundSnapshot({ status: 'rejected', lines: [inLine('A', 'rejected', '900'), inLine('B', 'rejected', '900')] }), NOW);
      expect(result.transitions).toEqual([{ from: 'ready', to: 'rejected' }]);
    });

    it('a backward line keeps its status and flags status_regressed with the line id', () => {
      const current = twoLines('shipped', 'ready');
      const result = applyInbound(current, buildInboundSnapshot({ status: 'ready', lines: [inLine('A', 'ready', '200'), inLine('B', 'shipped', '500')] }), NOW);
      expect(result.order.lines.map((l) => l.status)).toEqual(['shipped', 'shipped']);
      expect(result.transitions).toEqual([{ from: 'ready', to: 'shipped' }]);
      expect(result.order.attention).toMatchObject({ code: 'status_regressed', details: { lineId: 'a', from: 'shipped', to: 'ready' } });
    });

    it('an unmapped line keeps its status and flags unmapped_status with the raw value', () => {
      const result = applyInbound(twoLines('ready', 'ready'), buildInboundSnapshot({ status: 'ready', lines: [inLine('A', null, '450'), inLine('B', 'ready', '200')] }), NOW);
      expect(result.order.lines.map((l) => [l.status, l.channelStatus])).toEqual([
        ['ready', '450'],
        ['ready', '200'],
      ]);
      expect(result.order.attention).toMatchObject({ code: 'unmapped_status', details: { rawStatus: '450', lineId: 'a' } });
    });

    it('a returned line the channel still reports delivered keeps its return, unflagged (AK-11)', () => {
      const current = { ...twoLines('returning', 'delivered'), status: 'delivered' as const };
      const result = applyInbound(current, buildInboundSnapshot({ status: 'delivered', lines: [inLine('A', 'delivered', '600'), inLine('B', 'delivered', '600')] }), NOW);
      expect(result.order.lines.map((l) => l.status)).toEqual(['returning', 'delivered']);
      expect(result.order.status).toBe('delivered');
      expect(result.order.attention).toBeNull();
    });

    it('at Flexport: one item cancelling, the others still "ready" at the channel: no status_regressed', () => {
      const flexport = { provider: 'flexport' as const, providerOrderId: 'FX-1', providerStatus: 'CREATED', shipments: [] };
      const current = { ...twoLines('fulfilling', 'fulfilling'), status: 'fulfilling' as const, fulfillment: flexport };
      const result = applyInbound(current, buildInboundSnapshot({ status: 'cancelling', lines: [inLine('A', 'cancelling', '700'), inLine('B', 'ready', '200')] }), NOW);
      expect(result.order.lines.map((l) => l.status)).toEqual(['cancelling', 'fulfilling']);
      expect(result.order.status).toBe('fulfilling');
      expect(result.order.attention).toBeNull();
    });

    it('one item cancelling leaves the order at its other lines (AK-10)', () => {
      const result = applyInbound(twoLines('ready', 'ready'), buildInboundSnapshot({ status: 'cancelling', lines: [inLine('A', 'cancelling', '700'), inLine('B', 'ready', '200')] }), NOW);
      expect(result.order.status).toBe('ready');
      expect(result.order.lines.map((l) => l.status)).toEqual(['cancelling', 'ready']);
      expect(result.transitions).toEqual([]);
    });

    it('partial cancel: cancelling → ready is accepted when the lines moved forward', () => {
      const current = { ...twoLines('cancelling', 'ready'), status: 'cancelling' as const };
      const result = applyInbound(current, buildInboundSnapshot({ status: 'ready', lines: [inLine('A', 'cancelled', '800'), inLine('B', 'ready', '200')] }), NOW);
      expect(result.order.status).toBe('ready');
      expect(result.transitions).toEqual([{ from: 'cancelling', to: 'ready' }]);
      expect(result.order.attention).toBeNull();
    });
  });
});

describe('applyInbound keeps a provider-owned fulfillment', () => {
  it('does not let the channel mirror of our pushed tracking replace the Flexport fulfillment', () => {
    const flexport = { provider: 'flexport' as const, providerOrderId: 'FX-1', providerStatus: 'SHIPPED', shipments: [], trackingPushedAt: '2024-01-16T00:00:00.000Z' };
    const current = buildOrder({ status: 'shipped', fulfillment: flexport });
    const mirror = { provider: 'merchant' as const, providerOrderId: null, providerStatus: null, shipments: [] };
    const result = applyInbound(current, buildInboundSnapshot({ status: 'shipped', channelStatus: 'SHIPPED', fields: { fulfillment: mirror } }), '2024-01-17T00:00:00.000Z');
    expect(result.order.fulfillment).toEqual(flexport);
  });

  it('still takes a merchant fulfillment when the order was merchant-shipped', () => {
    const current = buildOrder({ status: 'ready' });
    const mirror = { provider: 'merchant' as const, providerOrderId: null, providerStatus: null, shipments: [] };
    const result = applyInbound(current, buildInboundSnapshot({ status: 'shipped', channelStatus: 'SHIPPED', fields: { fulfillment: mirror } }), '2024-01-17T00:00:00.000Z');
    expect(result.order.fulfillment).toEqual(mirror);
  });
});

describe('applyInbound while Flexport fulfils the order', () => {
  const atFlexport = () => buildOrder({ status: 'fulfilling', fulfillment: { provider: 'flexport', providerOrderId: 'FX-1', providerStatus: 'CREATED', shipments: [] } });
  const channelStillApproved = (fields = {}) => buildInboundSnapshot({ status: 'ready', channelStatus: 'approved', channelUpdatedAt: LATER, fields });

  it('a channel still "ready" is behind by design: no status_regressed, state kept, its other news taken', () => {
    const address = { ...atFlexport().shippingAddress!, city: 'Moved City' };
    const result = applyInbound(atFlexport(), channelStillApproved({ shippingAddress: address }), NOW);
    expect(result.order.status).toBe('fulfilling');
    expect(result.order.attention).toBeNull();
    expect(result.order.shippingAddress?.city).toBe('Moved City');
    expect(result.transitions).toEqual([]);
  });

  it('shipped by Flexport with the tracking not pushed yet: still behind by design; once pushed, "ready" is a regression', () => {
    const shipped = buildOrder({ status: 'shipped', fulfillment: { provider: 'flexport', providerOrderId: 'FX-1', providerStatus: 'SHIPPED' } });
    expect(applyInbound(shipped, channelStillApproved(), NOW).order.attention).toBeNull();
    const pushed = { ...shipped, fulfillment: { ...shipped.fulfillment!, trackingPushedAt: EARLIER } };
    expect(applyInbound(pushed, channelStillApproved(), NOW).order.attention?.code).toBe('status_regressed');
  });

  it('a merchant-fulfilling order reported "ready" is still a regression', () => {
    const merchant = buildOrder({ status: 'fulfilling', fulfillment: { provider: 'merchant', shipments: [] } });
    const result = applyInbound(merchant, channelStillApproved(), NOW);
    expect(result.order.attention?.code).toBe('status_regressed');
  });
});
