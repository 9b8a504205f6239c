import { rollUpStatus } from './line-rollup';
import { OrderStatus } from './order-status';

const lines = (...statuses: OrderStatus[]) => statuses.map((status) => ({ status }));

describe('rollUpStatus', () => {
  it.each<[string, OrderStatus[], OrderStatus]>([
    ['one line: its status', ['shipped'], 'shipped'],
    ['all rejected → rejected', ['rejected', 'rejected'], 'rejected'],
    ['all closed, mixed → cancelled', ['rejected', 'cancelled'], 'cancelled'],
    ['all cancelled → cancelled', ['cancelled'], 'cancelled'],
    ['closed lines are ignored while one is open', ['rejected', 'ready'], 'ready'],
    ['every open line cancelling → cancelling', ['cancelling', 'cancelling', 'cancelled'], 'cancelling'],
    ['a partial cancel stays at the other lines (AK-10)', ['shipped', 'cancelling', 'ready'], 'ready'],
    ["one of three lines cancelling → the open lines' state", ['cancelling', 'fulfilling', 'fulfilling'], 'fulfilling'],
    ['cancelling wins over returning', ['returning', 'cancelling'], 'cancelling'],
    ['a partial return stays at the other lines', ['delivered', 'returning', 'returned'], 'delivered'],
    ['returning with returned → returning', ['returning', 'returned', 'cancelled'], 'returning'],
    ['every open line returned → returned', ['returned', 'returned', 'rejected'], 'returned'],
    ['partial shipment stays at the earlier state', ['shipped', 'ready'], 'ready'],
    ['least advanced open line', ['delivered', 'fulfilling', 'shipped'], 'fulfilling'],
    ['pending beats on_hold (lower rank)', ['on_hold', 'pending'], 'pending'],
    ['returned with delivered → delivered', ['returned', 'delivered'], 'delivered'],
    ['cancelled + shipped → shipped', ['cancelled', 'shipped'], 'shipped'],
  ])('%s', (_rule, statuses, expected) => {
    expect(rollUpStatus(lines(...statuses))).toBe(expected);
  });

  it('throws on an empty line list', () => {
    expect(() => rollUpStatus([])).toThrow(/without lines/);
  });
});
