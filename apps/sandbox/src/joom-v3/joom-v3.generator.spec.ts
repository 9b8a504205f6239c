import { generateV3Orders, JOOM_V3_STORE_ID } from './joom-v3.generator';
import { JOOM_V3_STATES, ONLINE_SHIPPING_REQUIREMENTS } from './joom-v3.types';

const NOW = Date.parse('2026-03-15T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

describe('Joom v3 order generation', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateV3Orders(50, 42, NOW);
    expect(generateV3Orders(50, 42, NOW)).toEqual(a);
    expect(generateV3Orders(50, 43, NOW).map((s) => s.order.id)).not.toEqual(a.map((s) => s.order.id));
  });

  it('covers every state of the overview and every onlineShippingRequirement, mostly approved', () => {
    const orders = generateV3Orders(2000, 1, NOW).map((s) => s.order);
    const states = new Map<string, number>();
    for (const order of orders) states.set(order.status, (states.get(order.status) ?? 0) + 1);
    expect(new Set(states.keys())).toEqual(new Set(JOOM_V3_STATES));
    expect(states.get('approved')! / orders.length).toBeGreaterThan(0.35);
    expect(new Set(orders.map((o) => o.onlineShippingRequirement))).toEqual(new Set(ONLINE_SHIPPING_REQUIREMENTS));
    expect(new Set(generateV3Orders(10, 9, NOW).map((s) => s.order.status))).toEqual(new Set(JOOM_V3_STATES));
  });

  it('keeps each order consistent with its state and requirement', () => {
    for (const { order, orderMs, updatedMs } of generateV3Orders(3000, 8, NOW)) {
      expect(order.id).toMatch(/^[A-Z0-9]{8}$/);
      expect(order.storeId).toBe(JOOM_V3_STORE_ID);
      expect(orderMs).toBeGreaterThanOrEqual(NOW - 30 * DAY);
      expect(updatedMs).toBeGreaterThanOrEqual(orderMs);
      expect(updatedMs).toBeLessThanOrEqual(NOW);
      expect(order.updateTimestamp).toBe(new Date(updatedMs).toISOString());
      for (const amount of Object.values(order.priceInfo)) expect(amount).toMatch(/^\d+\.\d{2}$/);
      const shipped = order.status === 'shipped' || order.status.startsWith('return') || order.status === 'fulfilledOnline';
      expect(Boolean(order.shipment)).toBe(shipped);
      if (order.status === 'fulfilledOnline') expect(order.onlineShippingRequirement).not.toBe('offlineOnly');
      if (order.shipment?.shippingOrderNumber) expect(order.onlineShippingRequirement).not.toBe('offlineOnly');
      if (order.shipment && !order.shipment.shippingOrderNumber) expect(order.onlineShippingRequirement).not.toBe('onlineOnly');
      if (order.status.startsWith('return')) expect(order.return).toBeDefined();
      if (order.status === 'cancelled') expect(order.refund).toEqual(expect.objectContaining({ by: 'merchant' }));
      if (order.status === 'paidByJoomRefund') expect(order.refund).toEqual(expect.objectContaining({ by: 'joom' }));
    }
  });

  it('uses several currencies and non-ASCII addresses', () => {
    const orders = generateV3Orders(500, 2, NOW).map((s) => s.order);
    expect(new Set(orders.map((o) => o.currency)).size).toBeGreaterThanOrEqual(4);
    const text = orders.map((o) => `${o.shippingAddress.name} ${o.shippingAddress.city} ${o.shippingAddress.streetAddress1}`).join(' ');
    for (const script of [/[А-я]/, /[ğşıİ]/, /[\u4e00-\u9fff]/, /[\uac00-\ud7af]/, /[éüñ]/]) expect(text).toMatch(script);
  });
});
