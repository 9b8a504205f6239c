import { newOrderFromSnapshot } from './new-order';
import { buildInboundSnapshot, buildLine } from './testing';

const identity = { id: 'ord_0123456789abcdef01234567', channel: 'akinon' as const, account: 'main', externalId: 'e1' };
const NOW = '2024-02-01T00:00:00.000Z';

describe('newOrderFromSnapshot', () => {
  it('takes the mapped status and the snapshot fields', () => {
    const fields = { money: { currency: 'TRY', total: '10.00', shipping: '0.00', discounts: '0.00' } };
    const order = newOrderFromSnapshot(identity, buildInboundSnapshot({ status: 'ready', channelStatus: '200', fields }), '2024-01-31T00:00:00.000Z', NOW);
    expect(order).toEqual(expect.objectContaining({ ...identity, status: 'ready', channelStatus: '200', attention: null, createdAt: NOW, version: 0 }));
    expect(order.lines.every((line) => line.status === 'ready')).toBe(true);
  });

  it('rolls the status up from per-line statuses', () => {
    const snapshot = buildInboundSnapshot({
      status: 'ready',
      channelStatus: '200',
      lines: [buildLine({ id: 'ln_a', status: 'rejected', channelStatus: '900' }), buildLine({ id: 'ln_b', status: 'shipped', channelStatus: '500' })],
    });
    expect(newOrderFromSnapshot(identity, snapshot, NOW, NOW).status).toBe('shipped');
  });

  it('never guesses an unmapped status: pending and flagged with the raw value', () => {
    const order = newOrderFromSnapshot(identity, buildInboundSnapshot({ status: null, channelStatus: 'refunded' }), NOW, NOW);
    expect(order.status).toBe('pending');
    expect(order.attention).toEqual(expect.objectContaining({ code: 'unmapped_status', details: { rawStatus: 'refunded' } }));
  });

  it('keeps missing money unknown (null, never "0.00") and flags amount_missing naming the fields', () => {
    const money = { currency: 'EUR', total: null, shipping: '0.60', discounts: '0.00' };
    const snapshot = buildInboundSnapshot({ fields: { money }, lines: [buildLine({ id: 'ln_a', unitPrice: null, channelStatus: null })] });
    const order = newOrderFromSnapshot(identity, snapshot, NOW, NOW);
    expect([order.money, order.lines[0].unitPrice]).toEqual([money, null]);
    expect(order.attention).toEqual(expect.objectContaining({ code: 'amount_missing', details: { fields: ['money.total', 'lines[ln_a].unitPrice'] } }));
    const none = newOrderFromSnapshot(identity, buildInboundSnapshot(), NOW, NOW);
    expect(none.money).toEqual({ currency: null, total: null, shipping: null, discounts: null });
    expect(none.attention?.code).toBe('amount_missing');
  });
});
