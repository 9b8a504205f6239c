import { generateV2Orders } from './joom-v2.generator';
import { JOOM_V2_STATES } from './joom-v2.types';

const NOW = Date.parse('2026-03-15T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const money = /^\d+\.\d{2}$/;

describe('Joom v2 order generation', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateV2Orders(50, 42, NOW);
    expect(generateV2Orders(50, 42, NOW)).toEqual(a);
    expect(generateV2Orders(50, 43, NOW).map((s) => s.order.order_id)).not.toEqual(a.map((s) => s.order.order_id));
  });

  it('covers every documented state, mostly APPROVED', () => {
    const orders = generateV2Orders(1000, 1, NOW);
    const counts = new Map<string, number>();
    for (const { order } of orders) counts.set(order.state, (counts.get(order.state) ?? 0) + 1);
    for (const state of JOOM_V2_STATES) expect(counts.get(state)).toBeGreaterThan(0);
    expect(counts.get('APPROVED')! / orders.length).toBeGreaterThan(0.4);
    // Even a tiny seed has every state.
    expect(new Set(generateV2Orders(4, 9, NOW).map((s) => s.order.state))).toEqual(new Set(JOOM_V2_STATES));
  });

  it('produces unique 24-hex ids, 2-decimal money and consistent totals', () => {
    const orders = generateV2Orders(2000, 5, NOW);
    expect(new Set(orders.map((s) => s.order.order_id)).size).toBe(orders.length);
    for (const { order } of orders) {
      expect(order.order_id).toMatch(/^[0-9a-f]{24}$/);
      for (const amount of [order.price, order.cost, order.shipping, order.shipping_cost, order.order_total]) expect(amount).toMatch(money);
      const cents = (v: string) => Math.round(Number(v) * 100);
      expect(cents(order.order_total)).toBe(Number(order.quantity) * (cents(order.cost) + cents(order.shipping_cost)));
    }
  });

  it('spreads timestamps over the last 30 days with last_updated after order_time', () => {
    for (const { order, orderMs, updatedMs } of generateV2Orders(2000, 5, NOW)) {
      expect(orderMs).toBeGreaterThanOrEqual(NOW - 30 * DAY);
      expect(updatedMs).toBeGreaterThanOrEqual(orderMs);
      expect(updatedMs).toBeLessThanOrEqual(NOW);
      expect(order.order_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      expect(Date.parse(`${order.last_updated}Z`)).toBe(Math.floor(updatedMs / 1000) * 1000);
    }
  });

  it('writes non-ASCII names and addresses and fills state-specific fields', () => {
    const orders = generateV2Orders(500, 3, NOW).map((s) => s.order);
    const names = orders.map((o) => o.ShippingDetail.name).join(' ');
    expect(names).toMatch(/[А-яЁё]/); // Cyrillic
    expect(names).toMatch(/[ğüşöçıİĞÜŞÖÇ]/); // Turkish
    expect(names).toMatch(/[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/); // CJK
    expect(names).toMatch(/[éèëäöüñ]/); // accented Latin
    for (const order of orders) {
      if (order.state === 'SHIPPED') expect(order).toEqual(expect.objectContaining({ shipping_provider: expect.any(String), tracking_number: expect.any(String), shipped_date: expect.any(String) }));
      if (order.state === 'REFUNDED') expect(order).toEqual(expect.objectContaining({ refunded_by: expect.any(String), refunded_reason: expect.any(String) }));
    }
  });
});
