import { flexportIdempotencyKeys as keys } from './flexport.idempotency';
import { FlexportCreateOrderRequest } from './flexport.types';

const request = (overrides: Partial<FlexportCreateOrderRequest> = {}): FlexportCreateOrderRequest => ({
  address: { name: 'Jane Doe', address1: '1 Main St', city: 'Austin', countryCode: 'US', provinceCode: 'TX', zip: '78701' },
  externalOrderId: 'ord_0123456789abcdef01234567',
  lineItems: [{ logisticsSku: 'DSKU1', quantity: 1 }],
  ...overrides,
});

describe('flexportIdempotencyKeys', () => {
  it('derives the create key from the attempt’s externalOrderId and the body: the same request always sends the same key', () => {
    expect(keys.create(request())).toMatch(/^gw:create:ord_0123456789abcdef01234567:[0-9a-f]{16}$/);
    expect(keys.create(request())).toBe(keys.create(request()));
  });

  it('ignores key order in the body, so the same request built another way keeps its key', () => {
    const reordered = { lineItems: request().lineItems, externalOrderId: request().externalOrderId, address: { ...request().address } } as FlexportCreateOrderRequest;
    expect(keys.create(reordered)).toBe(keys.create(request()));
  });

  it('gives a corrected body and a new attempt their own keys (FX-2)', () => {
    const corrected = request({ address: { ...request().address, countryCode: 'CA' } });
    expect(keys.create(corrected)).not.toBe(keys.create(request()));
    expect(keys.create(request({ externalOrderId: 'ord_0123456789abcdef01234567-2' }))).toMatch(/^gw:create:ord_0123456789abcdef01234567-2:/);
  });

  it('hashes ids that could not travel in a header', () => {
    const key = keys.create(request({ externalOrderId: 'joom:main:Заказ №1' }));
    expect(key).toMatch(/^gw:create:sha256-[0-9a-f]{32}:[0-9a-f]{16}$/);
  });

  it('keys a cancel by order and reason, and a retry by failure episode', () => {
    expect(keys.cancel('1', 'out_of_stock')).toBe(keys.cancel('1', 'out_of_stock'));
    expect(keys.cancel('1', 'out_of_stock')).not.toBe(keys.cancel('1', 'customer_request'));
    expect(keys.retry('1', '2024-01-01T00:00:00Z')).not.toBe(keys.retry('1', '2024-01-02T00:00:00Z'));
    expect(keys.retry('1', null)).toBeNull();
  });
});
