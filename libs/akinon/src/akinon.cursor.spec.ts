import { decodeCursor, encodeCursor, InvalidAkinonCursorError, OrdersCursor, PlansCursor } from './akinon.cursor';

describe('Akinon cursors', () => {
  const orders: OrdersCursor = { k: 'orders', since: '2024-05-01T10:00:00.000Z', from: '2024-05-01T12:00:00.000Z', end: '2024-05-02T00:00:00.000Z', span: 3_600_000, limit: 20 };
  const plans: PlansCursor = { k: 'plans', date: '2024-05-01', end: '2024-05-03', limit: 5, order: null };

  it('round-trips and is URL-safe', () => {
    const raw = encodeCursor(orders);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw, 'orders')).toEqual(orders);
    expect(decodeCursor(encodeCursor(plans), 'plans')).toEqual(plans);
  });

  it('reads a stored page-number cursor (v1): orders resume from its since, plans from the look-back', () => {
    const v1 = (body: object) => Buffer.from(JSON.stringify({ v: 1, ...body })).toString('base64url');
    expect(decodeCursor(v1({ k: 'orders', since: '2024-05-01T10:00:00.000Z', page: 3, limit: 20, runStart: null }), 'orders')).toEqual({
      k: 'orders',
      since: '2024-05-01T10:00:00.000Z',
      from: '2024-05-01T10:00:00.000Z',
      end: null,
      span: null,
      limit: 20,
    });
    expect(decodeCursor(v1({ k: 'plans', page: 7, limit: 100, order: null }), 'plans')).toEqual({ k: 'plans', date: null, end: null, limit: 100, order: null });
  });

  it.each([
    ['garbage', 'not-a-cursor!'],
    ['another kind', encodeCursor(plans)],
    ['limit 0', encodeCursor({ ...orders, limit: 0 })],
    ['a bad time', encodeCursor({ ...orders, from: 'yesterday' })],
    ['a bad span', encodeCursor({ ...orders, span: -5 })],
    ['no version', Buffer.from(JSON.stringify(orders)).toString('base64url')],
  ])('refuses %s', (_name, raw) => {
    expect(() => decodeCursor(raw, 'orders')).toThrow(InvalidAkinonCursorError);
  });
});
