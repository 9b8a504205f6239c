import { ChannelOrder } from '@app/adapters';
import { mapV2Order } from './joom-v2.mapper';
import { mapV3Order } from './joom-v3.mapper';
import { buildV2Order, DOC_V2_GET_ORDER_RESPONSE, DOC_V2_MULTI_GET_RESPONSE } from './testing/joom-v2.fixtures';
import { buildV3Order } from './testing/joom-v3.fixtures';

/** Exact cents of a decimal string (test arithmetic only; the code never parses money into numbers). */
function cents(value: string | null): bigint {
  if (value === null) throw new Error('amount is null');
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole + fraction.padEnd(2, '0').slice(0, 2));
}

/** Σ quantity × unitPrice + shipping − discounts, against the total. */
function balance({ snapshot }: ChannelOrder): { sum: bigint; total: bigint } {
  const money = snapshot.fields.money!;
  const lines = snapshot.lines.reduce((sum, line) => sum + BigInt(line.quantity) * cents(line.unitPrice), 0n);
  return { sum: lines + cents(money.shipping) - cents(money.discounts), total: cents(money.total) };
}

/** Money on one basis (docs/api-decisions.md JO-3, JO-4, JO-5). */
describe('Joom money', () => {
  describe('v2: the payout basis (cost, shipping_cost, order_total)', () => {
    const examples = [DOC_V2_GET_ORDER_RESPONSE.data.Order, ...DOC_V2_MULTI_GET_RESPONSE.data.map((item) => item.Order)];

    it.each(examples.map((order, i) => [i, order] as const))("adds up on the document's example order #%i: lines + shipping = total", (_i, order) => {
      const mapped = mapV2Order(order);
      expect(mapped.snapshot.lines[0].unitPrice).toBe('6.80');
      expect(mapped.snapshot.fields.money).toEqual({ currency: 'USD', total: '17.60', shipping: '4.00', discounts: '0.00' });
      const { sum, total } = balance(mapped);
      expect(sum).toBe(total);
    });

    it("is the only basis that does: the buyer's price and shipping do not add up to order_total", () => {
      const { price, shipping, quantity, order_total } = DOC_V2_GET_ORDER_RESPONSE.data.Order;
      expect(BigInt(quantity) * (cents(price) + cents(shipping))).not.toBe(cents(order_total));
    });

    it('reads amounts in the configured currency (JOOM_CURRENCY)', () => {
      expect(mapV2Order(buildV2Order(), { currency: 'EUR' }).snapshot.fields.money?.currency).toBe('EUR');
    });

    it.each([
      ['cost', { cost: undefined }, 'unitPrice'],
      ['order_total', { order_total: '' }, 'total'],
      ['shipping_cost', { shipping_cost: 'n/a' }, 'shipping'],
      ['quantity', { quantity: undefined }, 'shipping'],
    ])('leaves a missing or unusable %s null, never "0.00"', (_field, overrides, where) => {
      const { snapshot } = mapV2Order(buildV2Order(overrides));
      const value = where === 'unitPrice' ? snapshot.lines[0].unitPrice : snapshot.fields.money?.[where as 'total' | 'shipping'];
      expect(value).toBeNull();
    });
  });

  describe('v3: priceInfo', () => {
    it('adds up: lines + shipping − discounts = orderPrice', () => {
      const mapped = mapV3Order(buildV3Order());
      expect(mapped.snapshot.fields.money).toEqual({ currency: 'EUR', total: '0.90', shipping: '0.60', discounts: '0.00' });
      const { sum, total } = balance(mapped);
      expect(sum).toBe(total);
    });

    it('maps discounts.sum where given', () => {
      const priceInfo = { unitPrice: '10.00', shippingPrice: '1.50', orderPrice: '21.00', discounts: { sum: '2' } };
      const mapped = mapV3Order(buildV3Order({ quantity: 2, priceInfo }));
      expect(mapped.snapshot.fields.money?.discounts).toBe('2.00');
      const { sum, total } = balance(mapped);
      expect(sum).toBe(total);
    });

    it.each([
      ['currency', { currency: undefined }, (o: ChannelOrder) => o.snapshot.fields.money?.currency],
      ['blank currency', { currency: ' ' }, (o: ChannelOrder) => o.snapshot.fields.money?.currency],
      ['orderPrice', { priceInfo: { unitPrice: '0.10', shippingPrice: '0.20' } }, (o: ChannelOrder) => o.snapshot.fields.money?.total],
      ['shippingPrice', { priceInfo: { unitPrice: '0.10', orderPrice: '0.90' } }, (o: ChannelOrder) => o.snapshot.fields.money?.shipping],
      ['unitPrice', { priceInfo: { shippingPrice: '0.20', orderPrice: '0.90' } }, (o: ChannelOrder) => o.snapshot.lines[0].unitPrice],
      ['priceInfo', { priceInfo: undefined }, (o: ChannelOrder) => o.snapshot.fields.money?.total],
      ['discounts.sum', { priceInfo: { unitPrice: '0.10', shippingPrice: '0.20', orderPrice: '0.90', discounts: {} } }, (o: ChannelOrder) => o.snapshot.fields.money?.discounts],
    ])('a missing %s is null (flagged amount_missing by the order), never "0.00" or ""', (_what, overrides, pick) => {
      expect(pick(mapV3Order(buildV3Order(overrides)))).toBeNull();
    });
  });
});
