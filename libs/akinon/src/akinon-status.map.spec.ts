import { AKINON_PLAN_STATUS_MAP, AKINON_STATUS_MAP, mapAkinonStatus, mapPlanStatus } from './akinon-status.map';
import { isOrderStatus } from '@app/orders';

describe('Akinon status mapping', () => {
  it.each([
    [100, 'pending'],
    [200, 'ready'],
    [300, 'fulfilling'],
    [400, 'fulfilling'],
    [500, 'shipped'],
    [600, 'delivered'],
    [700, 'cancelling'],
    [800, 'cancelled'],
    [900, 'rejected'],
    ['200', 'ready'],
  ])('%p → %p', (code, status) => {
    expect(mapAkinonStatus(code)).toBe(status);
  });

  it.each([0, 150, 1000, 'Approved', null, undefined])('%p is not guessed (null)', (code) => {
    expect(mapAkinonStatus(code)).toBeNull();
  });

  it('maps only to canonical states', () => {
    expect(Object.values(AKINON_STATUS_MAP).every(isOrderStatus)).toBe(true);
  });
});

describe('cancellation plan status mapping', () => {
  it('covers every status of the document', () => {
    const documented = 'completed, waiting, waiting_supplier, approved, confirmation_waiting, confirmed, cancelled, failed, rejected, waiting_for_payment, manuel_refund_need'.split(', ');
    expect(Object.keys(AKINON_PLAN_STATUS_MAP).sort()).toEqual(documented.sort());
  });

  it.each([
    ['waiting', 'cancelling'],
    ['Waiting for Payment', 'cancelling'],
    ['completed', 'cancelled'],
    ['rejected', null],
    ['brand_new', null],
    [null, null],
  ])('%p → %p', (raw, status) => {
    expect(mapPlanStatus(raw)).toBe(status);
  });
});
