import { AKINON_PLAN_STATUS_MAP, AKINON_REJECTABLE_CODES, AKINON_STATUS_MAP, mapAkinonStatus, mapPlanStatus } from './akinon-status.map';
import { mapAkinonOrder } from './akinon.mapper';
import { docItem, docOrder } from './testing/akinon-doc-examples';
import { allowedActions, isOrderStatus, OrderAction, OrderStatus } from '@app/orders';
import { buildLine, buildOrder } from '@app/orders/testing';

describe('Akinon status mapping', () => {
  // Every code of the document: the canonical status, and what the gateway then offers on an Akinon order
  // whose items all carry that code (docs/api-decisions.md AK-3 for 300).
  const TABLE: [number, OrderStatus, OrderAction[]][] = [
    [100, 'pending', ['cancel', 'reject']], // Approve Waiting
    [200, 'ready', ['fulfill:flexport', 'cancel', 'reject']], // Approved
    [300, 'ready', ['fulfill:flexport', 'cancel', 'reject']], // Package Waiting: not packaged yet
    [400, 'fulfilling', ['cancel']], // Packaged: "packaged orders cannot be rejected"
    [500, 'shipped', []],
    [600, 'delivered', []],
    [700, 'cancelling', []],
    [800, 'cancelled', []],
    [900, 'rejected', []],
  ];

  it('covers exactly the nine codes of the document', () => {
    expect(Object.keys(AKINON_STATUS_MAP).map(Number)).toEqual(TABLE.map(([code]) => code));
  });

  it.each(TABLE)('%p → %p, offering %j', (code, status, actions) => {
    expect(mapAkinonStatus(code)).toBe(status);
    expect(mapAkinonStatus(String(code))).toBe(status);
    const mapped = mapAkinonOrder({ order: docOrder({ status: code }), items: [docItem({ status: code })], shippingAddress: null });
    expect(mapped.snapshot).toMatchObject({ status, channelStatus: String(code) });
    expect(mapped.snapshot.lines[0]).toMatchObject({ status, channelStatus: String(code) });
    const order = buildOrder({ channel: 'akinon', status, fulfillment: null, lines: [buildLine({ id: 'ln_1', status })] });
    expect(allowedActions(order, 'akinon')).toEqual(actions);
  });

  it('offers reject exactly on the codes the adapter itself rejects (the document forbids only packaged items)', () => {
    const rejectable = TABLE.filter(([, , actions]) => actions.includes('reject')).map(([code]) => code);
    expect(rejectable).toEqual([...AKINON_REJECTABLE_CODES]);
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
