import { OrderStatus } from '@app/orders';
import { buildLine, buildOrder } from '@app/orders/testing';
import { applyAkinonPlan, planLineTarget } from './akinon-plan.effect';
import { mapAkinonPlan } from './akinon-plan.mapper';
import { docPlan } from './testing/akinon-doc-examples';

/** An Akinon order whose items are `it-1`, `it-2`… (canonical lines `ln_it-1`…) at the given statuses. */
function orderWith(status: OrderStatus, ...lineStatuses: OrderStatus[]) {
  const lines = lineStatuses.map((s, i) => buildLine({ id: `ln_it-${i + 1}`, externalLineId: `it-${i + 1}`, status: s }));
  return buildOrder({ channel: 'akinon', status, lines });
}

function plan(itemIds: string[], status: string, planType: 'cancel' | 'refund' = 'cancel') {
  return mapAkinonPlan(docPlan({ order_items: itemIds, status, plan_type: planType }));
}

describe('planLineTarget (AK-10)', () => {
  it.each<[string, 'cancel' | 'refund', OrderStatus, OrderStatus | null]>([
    ['waiting', 'cancel', 'ready', 'cancelling'],
    ['completed', 'cancel', 'fulfilling', 'cancelled'],
    ['waiting', 'refund', 'shipped', 'returning'],
    ['completed', 'refund', 'delivered', 'returned'],
    ['completed', 'refund', 'ready', 'cancelled'],
    ['rejected', 'cancel', 'ready', null],
  ])('a %s %s plan takes a %s line to %s', (status, type, line, expected) => {
    expect(planLineTarget(plan([], status, type), line)).toBe(expected);
  });

  it('does not guess a plan type the document does not list', () => {
    expect(planLineTarget({ status: 'cancelling', planType: 'exchange' }, 'ready')).toBeNull();
  });
});

describe('applyAkinonPlan', () => {
  it('a plan for 1 of 3 items cancels that line only; the order stays at its other lines', () => {
    const effect = applyAkinonPlan(orderWith('ready', 'ready', 'ready', 'ready'), plan(['it-2'], 'waiting'));
    expect(effect.lines.map((l) => l.status)).toEqual(['ready', 'cancelling', 'ready']);
    expect(effect).toMatchObject({ path: [], movedLineIds: ['ln_it-2'], planLineIds: ['ln_it-2'] });
  });

  it('a plan naming every item moves the order to cancelling, then cancelled when completed', () => {
    const order = orderWith('fulfilling', 'fulfilling', 'fulfilling');
    const waiting = applyAkinonPlan(order, plan(['it-1', 'it-2'], 'waiting'));
    expect(waiting.path).toEqual(['cancelling']);
    const completed = applyAkinonPlan({ ...order, status: 'cancelling', lines: waiting.lines }, plan(['it-1', 'it-2'], 'completed'));
    expect(completed.lines.map((l) => l.status)).toEqual(['cancelled', 'cancelled']);
    expect(completed.path).toEqual(['cancelled']);
  });

  it('a later plan for the remaining item completes the cancel begun by an earlier one', () => {
    const effect = applyAkinonPlan(orderWith('ready', 'cancelled', 'ready'), plan(['it-2'], 'completed'));
    expect(effect.path).toEqual(['cancelled']);
  });

  it('a refund plan on a shipped order goes to the returns side, never to cancelled', () => {
    const order = orderWith('shipped', 'shipped', 'shipped');
    const waiting = applyAkinonPlan(order, plan(['it-1', 'it-2'], 'waiting', 'refund'));
    expect(waiting.lines.map((l) => l.status)).toEqual(['returning', 'returning']);
    expect(waiting.path).toEqual(['returning']);
    const completed = applyAkinonPlan(order, plan(['it-1', 'it-2'], 'completed', 'refund'));
    expect(completed.path).toEqual(['returned']);
  });

  it('a refund plan for one delivered item returns that line and leaves the order delivered', () => {
    const effect = applyAkinonPlan(orderWith('delivered', 'delivered', 'delivered'), plan(['it-1'], 'completed', 'refund'));
    expect(effect.lines.map((l) => l.status)).toEqual(['returned', 'delivered']);
    expect(effect.path).toEqual([]);
  });

  it('moves nothing for a plan that was rejected, for lines already further on, or for items of another order', () => {
    expect(applyAkinonPlan(orderWith('ready', 'ready'), plan(['it-1'], 'rejected')).movedLineIds).toEqual([]);
    expect(applyAkinonPlan(orderWith('ready', 'cancelled', 'ready'), plan(['it-1'], 'waiting')).movedLineIds).toEqual([]);
    expect(applyAkinonPlan(orderWith('ready', 'ready'), plan(['other'], 'waiting'))).toMatchObject({ movedLineIds: [], planLineIds: [] });
  });

  it('a waiting cancel plan cannot take back a shipped line', () => {
    expect(applyAkinonPlan(orderWith('shipped', 'shipped'), plan(['it-1'], 'waiting')).movedLineIds).toEqual([]);
  });

  it('brings back an order an earlier whole-order rule left cancelling for a partial plan', () => {
    const order = { ...orderWith('cancelling', 'cancelling', 'ready'), status: 'cancelling' as const };
    expect(applyAkinonPlan(order, plan(['it-1'], 'completed')).path).toEqual(['ready']);
  });
});
