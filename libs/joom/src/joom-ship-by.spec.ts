import { shipByFrom, stampAnswerTime } from './joom-ship-by';
import { mapV2Order } from './joom-v2.mapper';
import { mapV3Order } from './joom-v3.mapper';
import { buildV2Order, DOC_V2_GET_ORDER_RESPONSE } from './testing/joom-v2.fixtures';
import { buildV3Order } from './testing/joom-v3.fixtures';

const HOUR = 3_600_000;

/** Joom's fulfilment countdown → shippingConstraints.shipBy (docs/api-decisions.md JO-7). */
describe('Joom ship-by', () => {
  it("v2: the document's example (hours_to_fulfill 49) read at a known time", () => {
    const raw = stampAnswerTime(structuredClone(DOC_V2_GET_ORDER_RESPONSE.data.Order), '2013-12-06T21:00:00.000Z');
    // 21:00 + 49 h = 12-08 22:00, floored to a whole hour after the order time (20:20:20).
    expect(mapV2Order(raw).snapshot.fields.shippingConstraints?.shipBy).toBe('2013-12-08T21:20:20.000Z');
  });

  it('reads the same deadline on every poll while Joom counts down (hours rounded up, as the sandbox does)', () => {
    const placed = Date.parse('2024-03-01T09:15:42.000Z');
    const deadline = placed + 7 * 24 * HOUR;
    const readings = new Set<string | null>();
    for (let t = placed + 1000; t < deadline; t += 37 * 60_000 + 13_000) {
      const hours = Math.ceil((deadline - t) / HOUR);
      readings.add(shipByFrom({ hours, days: Math.floor(hours / 24) }, new Date(placed).toISOString(), new Date(t).toISOString()));
    }
    expect([...readings]).toEqual([new Date(deadline).toISOString()]);
  });

  it.each([
    [{ hours: '49', days: '2' }, '2024-01-03T01:00:00.000Z'],
    [{ days: '2' }, '2024-01-03T00:00:00.000Z'],
    [{ hours: 5 }, '2024-01-01T05:00:00.000Z'],
    [{ hours: '0' }, '2024-01-01T00:00:00.000Z'],
  ])('counts %j from the answer time', (countdown, expected) => {
    expect(shipByFrom(countdown, '2023-12-31T00:00:00.000Z', '2024-01-01T00:00:00.000Z')).toBe(expected);
  });

  it.each([
    ['no countdown (the order no longer awaits fulfilment)', {}, '2024-01-01T00:00:00.000Z'],
    ['a countdown that is not a whole number', { hours: '4.5', days: 'soon' }, '2024-01-01T00:00:00.000Z'],
    ['an unknown answer time', { hours: '49' }, null],
  ])('is null for %s', (_why, countdown, answered) => {
    expect(shipByFrom(countdown, '2023-12-31T00:00:00.000Z', answered)).toBeNull();
  });

  it('v2 and v3 mappers: null when the client stamped no answer time, the deadline when it did', () => {
    expect(mapV2Order(buildV2Order()).snapshot.fields.shippingConstraints?.shipBy).toBeNull();
    const v3 = stampAnswerTime(buildV3Order({ hoursToFulfill: 30, daysToFulfill: 1 }), '2024-03-01T10:00:30.000Z');
    // order 09:15:00; 10:00:30 + 30 h = 03-02 16:00:30 → 16:15:00 is past it, so 15:15:00.
    expect(mapV3Order(v3).snapshot.fields.shippingConstraints).toEqual({ requirement: 'online_or_offline', shipBy: '2024-03-02T15:15:00.000Z', deliverBy: null });
  });
});
