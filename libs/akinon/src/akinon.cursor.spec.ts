import { decodeCursor, encodeCursor, InvalidAkinonCursorError, OrdersCursor } from './akinon.cursor';

describe('Akinon cursors', () => {
  const orders: OrdersCursor = { k: 'orders', since: '2024-05-01T10:00:00.000Z', page: 3, limit: 20, runStart: '2024-05-02T00:00:00.000Z' };

  it('round-trips and is URL-safe', () => {
    const raw = encodeCursor(orders);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw, 'orders')).toEqual(orders);
    expect(decodeCursor(encodeCursor({ k: 'plans', page: 1, limit: 5, order: null }), 'plans')).toEqual({ k: 'plans', page: 1, limit: 5, order: null });
  });

  it.each([
    ['garbage', 'not-a-cursor!'],
    ['another kind', encodeCursor({ k: 'plans', page: 1, limit: 5, order: null })],
    ['page 0', encodeCursor({ ...orders, page: 0 })],
    ['a bad time', encodeCursor({ ...orders, since: 'yesterday' })],
    ['no version', Buffer.from(JSON.stringify(orders)).toString('base64url')],
  ])('refuses %s', (_name, raw) => {
    expect(() => decodeCursor(raw, 'orders')).toThrow(InvalidAkinonCursorError);
  });
});
