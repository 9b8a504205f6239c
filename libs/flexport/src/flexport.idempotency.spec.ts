import { flexportIdempotencyKeys as keys } from './flexport.idempotency';

describe('flexportIdempotencyKeys', () => {
  it('derives the create key from the gateway order id alone, the same on every attempt', () => {
    expect(keys.create('ord_0123456789abcdef01234567')).toBe('gw:create:ord_0123456789abcdef01234567');
    expect(keys.create('ord_0123456789abcdef01234567')).toBe(keys.create('ord_0123456789abcdef01234567'));
    expect(keys.create('ord_a')).not.toBe(keys.create('ord_b'));
  });

  it('hashes ids that could not travel in a header', () => {
    const key = keys.create('joom:main:Заказ №1');
    expect(key).toMatch(/^gw:create:sha256-[0-9a-f]{32}$/);
    expect(key).toBe(keys.create('joom:main:Заказ №1'));
  });

  it('keys a cancel by order and reason, and a retry by failure episode', () => {
    expect(keys.cancel('1', 'out_of_stock')).toBe(keys.cancel('1', 'out_of_stock'));
    expect(keys.cancel('1', 'out_of_stock')).not.toBe(keys.cancel('1', 'customer_request'));
    expect(keys.retry('1', '2024-01-01T00:00:00Z')).not.toBe(keys.retry('1', '2024-01-02T00:00:00Z'));
    expect(keys.retry('1', null)).toBeNull();
  });
});
