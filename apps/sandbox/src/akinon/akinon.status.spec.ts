import { deriveOrderStatus, formatAkinonTime } from './akinon.status';
import { AkinonStatus } from './akinon.types';

describe('deriveOrderStatus', () => {
  it.each<[AkinonStatus[], AkinonStatus]>([
    [[200], 200],
    [[200, 900], 200],
    [[500, 600], 500],
    [[600, 600], 600],
    [[200, 700], 700],
    [[900, 900], 900],
    [[800, 900], 800],
    [[800], 800],
    [[100, 300], 100],
  ])('items %j → order %i', (items, expected) => {
    expect(deriveOrderStatus(items)).toBe(expected);
  });
});

describe('formatAkinonTime', () => {
  it('omits a zero fraction like Django REST, keeps a non-zero one', () => {
    expect(formatAkinonTime(Date.UTC(2019, 0, 1))).toBe('2019-01-01T00:00:00Z');
    expect(formatAkinonTime(Date.UTC(2019, 0, 1, 0, 0, 0, 250))).toBe('2019-01-01T00:00:00.250Z');
  });
});
