import { isOrderStatus } from '@app/orders';
import { FLEXPORT_STATUS_MAP, mapFlexportStatus } from './flexport-status.map';

describe('FLEXPORT_STATUS_MAP', () => {
  it.each([
    ['CREATED', 'fulfilling'],
    ['SHIPPED', 'shipped'],
    ['DELIVERED', 'delivered'],
    ['CANCELLED', 'cancelled'],
    ['ERROR', 'fulfilling'],
  ])('%s → %s', (raw, canonical) => {
    expect(mapFlexportStatus(raw)).toBe(canonical);
  });

  it('maps only to canonical statuses', () => {
    for (const status of Object.values(FLEXPORT_STATUS_MAP)) expect(isOrderStatus(status)).toBe(true);
  });

  it.each(['ROUTING_IN_PROGRESS', 'created', 'toString', '__proto__', '', null, undefined])('does not guess %p', (raw) => {
    expect(mapFlexportStatus(raw as string)).toBeNull();
  });
});
