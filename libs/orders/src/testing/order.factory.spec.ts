import { rollUpStatus } from '../line-rollup';
import { buildFulfillment, buildLine, buildOrder } from './order.factory';

describe('order factory', () => {
  it('builds a valid ready joom order with decimal-string money', () => {
    const order = buildOrder();
    expect(order).toMatchObject({ channel: 'joom', account: 'main', status: 'ready', version: 1, attention: null });
    expect(order.money.total).toMatch(/^\d+\.\d{2}$/);
    expect(rollUpStatus(order.lines)).toBe(order.status);
  });

  it('deep-merges overrides, replaces arrays and lets lines follow status', () => {
    const order = buildOrder({ status: 'shipped', shippingAddress: { city: 'Paris' }, fulfillment: { provider: 'flexport' } });
    expect(order.lines[0].status).toBe('shipped');
    expect(order.shippingAddress).toMatchObject({ city: 'Paris', countryCode: 'DE' });
    expect(order.fulfillment).toMatchObject({ provider: 'flexport', shipments: [expect.objectContaining({ trackingNumber: 'TRACK-1' })] });
    expect(buildOrder({ lines: [buildLine({ id: 'x' }), buildLine({ id: 'y' })] }).lines).toHaveLength(2);
    expect(buildFulfillment({ shipments: [] }).shipments).toEqual([]);
  });

  it('returns independent objects', () => {
    const a = buildOrder();
    a.money.total = '0.00';
    expect(buildOrder().money.total).toBe('12.50');
  });
});
