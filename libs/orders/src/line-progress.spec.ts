import { lineProgress, unfulfilledLineIds } from './line-progress';
import { OrderStatus } from './order-status';

const order = (...statuses: OrderStatus[]) => ({ lines: statuses.map((status, i) => ({ id: `l${i + 1}`, status })) });

describe('lineProgress (docs/api-decisions.md LP-1)', () => {
  it.each<[string, OrderStatus[], ReturnType<typeof lineProgress>]>([
    ['every line ready: one status, nothing taken', ['ready', 'ready'], { partial: false, fulfilment: 'unfulfilled', unfulfilledLineIds: ['l1', 'l2'], linesByStatus: { ready: ['l1', 'l2'] } }],
    [
      'one line rejected, the rest ready: partial, still unfulfilled',
      ['rejected', 'ready', 'ready'],
      { partial: true, fulfilment: 'unfulfilled', unfulfilledLineIds: ['l2', 'l3'], linesByStatus: { rejected: ['l1'], ready: ['l2', 'l3'] } },
    ],
    [
      'some lines at Flexport, one still to fulfil',
      ['fulfilling', 'fulfilling', 'ready'],
      { partial: true, fulfilment: 'partially_fulfilled', unfulfilledLineIds: ['l3'], linesByStatus: { fulfilling: ['l1', 'l2'], ready: ['l3'] } },
    ],
    [
      'one line rejected, the others shipped: fulfilled, and partial',
      ['rejected', 'shipped', 'shipped'],
      { partial: true, fulfilment: 'fulfilled', unfulfilledLineIds: [], linesByStatus: { rejected: ['l1'], shipped: ['l2', 'l3'] } },
    ],
    ['every line shipped', ['shipped', 'shipped'], { partial: false, fulfilment: 'fulfilled', unfulfilledLineIds: [], linesByStatus: { shipped: ['l1', 'l2'] } }],
    ['every line closed', ['rejected', 'cancelled'], { partial: true, fulfilment: 'closed', unfulfilledLineIds: [], linesByStatus: { rejected: ['l1'], cancelled: ['l2'] } }],
    [
      'a line being cancelled is neither taken nor to fulfil',
      ['cancelling', 'ready'],
      { partial: true, fulfilment: 'unfulfilled', unfulfilledLineIds: ['l2'], linesByStatus: { cancelling: ['l1'], ready: ['l2'] } },
    ],
    [
      'a returned line counts as taken',
      ['returned', 'pending'],
      { partial: true, fulfilment: 'partially_fulfilled', unfulfilledLineIds: ['l2'], linesByStatus: { returned: ['l1'], pending: ['l2'] } },
    ],
  ])('%s', (_case, statuses, expected) => {
    expect(lineProgress(order(...statuses))).toEqual(expected);
  });

  it('unfulfilledLineIds: pending, on hold and ready lines, in line order', () => {
    expect(unfulfilledLineIds(order('ready', 'shipped', 'on_hold', 'cancelled', 'pending', 'fulfilling'))).toEqual(['l1', 'l3', 'l5']);
  });
});
