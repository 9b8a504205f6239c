import { applyInbound, CancellationActor, OrderStatus, orderStateMachine, ReturnOutcome, TERMINAL_STATUSES } from '@app/orders';
import { buildOrder } from '@app/orders/testing';
import { mapV3Order } from './joom-v3.mapper';
import { buildV3Order } from './testing/joom-v3.fixtures';

/**
 * The ten states of docs/vendor/joom-orders-overview.txt and `refunded`
 * (docs/vendor/real-api-facts.md), row by row (docs/api-decisions.md JO-6).
 */
const STATES: readonly [raw: string, status: OrderStatus, outcome: ReturnOutcome | undefined, cancelledBy: CancellationActor | undefined, meaning: string][] = [
  ['approved', 'ready', undefined, undefined, 'The order is approved by Joom and awaits merchant’s actions.'],
  ['fulfilledOnline', 'fulfilling', undefined, undefined, 'marked as fulfilled online … not yet marked as shipped by the shipper'],
  ['shipped', 'shipped', undefined, undefined, 'The order has been shipped'],
  ['cancelled', 'cancelled', undefined, 'merchant', 'cancelled due to merchant’s fault'],
  ['paidByJoomRefund', 'cancelled', undefined, 'marketplace', 'cancelled by Joom. The merchant will still receive payment'],
  ['returnInitiated', 'returning', undefined, undefined, 'The order has been sent back to the merchant.'],
  ['returnExpired', 'returned', 'expired', undefined, 'The returned order has not arrived in time. There will be no refund.'],
  ['returnArrived', 'returning', undefined, undefined, 'The merchant is expected to complete or decline the return'],
  ['returnCompleted', 'returned', 'completed', undefined, 'The merchant accepted the return.'],
  ['returnDeclined', 'returned', 'declined', undefined, 'The merchant declined the return.'],
  ['refunded', 'cancelled', undefined, 'marketplace', 'seen in the wild; refunded to the buyer'],
];

describe('Joom v3 states', () => {
  it.each(STATES)('%s → %s (outcome %p, cancelled by %p): "%s"', (raw, status, outcome, cancelledBy) => {
    const { snapshot } = mapV3Order(buildV3Order({ status: raw }));
    expect(snapshot).toMatchObject({ status, channelStatus: raw });
    expect(snapshot.fields.returnOutcome).toBe(outcome);
    expect(snapshot.fields.cancellation?.requestedBy).toBe(cancelledBy);
  });

  it('returnArrived is not terminal: the return can still complete or be declined', () => {
    const [, status] = STATES.find(([raw]) => raw === 'returnArrived')!;
    expect(TERMINAL_STATUSES).not.toContain(status);
    expect(orderStateMachine.canTransition(status, 'returned')).toBe(true);
  });

  it.each([[['shipped', 'returnInitiated', 'returnArrived', 'returnCompleted']], [['shipped', 'returnArrived', 'returnDeclined']], [['shipped', 'returnInitiated', 'returnExpired']]])(
    'a return walks forward without a flag: %j',
    (raws: string[]) => {
      let order = buildOrder({ channel: 'joom', status: 'shipped', channelUpdatedAt: null });
      for (const raw of raws) {
        order = applyInbound(order, mapV3Order(buildV3Order({ status: raw, updateTimestamp: undefined })).snapshot, '2024-03-05T00:00:00.000Z').order;
        expect(order.attention?.code).not.toBe('status_regressed');
        expect(order.attention?.code).not.toBe('unmapped_status');
      }
      expect(order.status).toBe('returned');
    },
  );

  it.each(['ready', 'shipped'] as const)('`refunded` moves a %s order to cancelled by the marketplace, with no attention flag', (from) => {
    const result = applyInbound(buildOrder({ channel: 'joom', status: from, channelUpdatedAt: null }), mapV3Order(buildV3Order({ status: 'refunded' })).snapshot, '2024-03-05T00:00:00.000Z');
    expect(result.order.status).toBe('cancelled');
    expect(result.order.cancellation).toEqual(expect.objectContaining({ reason: 'refunded', requestedBy: 'marketplace' }));
    expect(result.order.attention).toBeNull();
  });
});
