import { CanonicalOrder, FulfillmentPart, OrderStatus } from '@app/orders';
import { buildLine, buildOrder } from '@app/orders/testing';
import { planAtFlexport } from './plan-at-flexport';

const NOW = '2026-01-02T00:00:00.000Z';

/** Lines l1, l2 in the live Flexport part fx-1; l3 not sent (docs/api-decisions.md FX-9). */
function split(statuses: [OrderStatus, OrderStatus, OrderStatus]): CanonicalOrder {
  const part: FulfillmentPart = { attempt: 1, providerOrderId: 'fx-1', providerStatus: 'CREATED', lineIds: ['l1', 'l2'], shipments: [] };
  return buildOrder({
    channel: 'akinon',
    status: 'ready',
    lines: statuses.map((status, i) => buildLine({ id: `l${i + 1}`, externalLineId: `e${i + 1}`, status })),
    fulfillment: { provider: 'flexport', providerOrderId: 'fx-1', providerStatus: 'CREATED', shipments: [], attempt: 1, parts: [part] },
  });
}

describe('planAtFlexport with lines in several Flexport orders (AK-12, FX-9)', () => {
  it('a plan for a line never sent asks nothing of Flexport', () => {
    expect(planAtFlexport(split(['fulfilling', 'fulfilling', 'cancelled']), ['l3'], NOW)).toEqual({ kind: 'none' });
  });

  it('a plan for some lines of a live part flags them, naming that part', () => {
    expect(planAtFlexport(split(['cancelling', 'fulfilling', 'ready']), ['l1'], NOW)).toEqual({
      kind: 'flag',
      attention: expect.objectContaining({ code: 'partial_cancel_at_provider', details: { providerOrderId: 'fx-1', lineIds: ['l1'] } }),
    });
  });

  it('a plan that covers every line of the live parts cancels them, though a line never sent stays to fulfil', () => {
    expect(planAtFlexport(split(['cancelled', 'cancelling', 'ready']), ['l2'], NOW)).toEqual({ kind: 'cancel' });
  });
});
