import { buildLine, buildOrder } from '../testing/order.factory';
import { parseRoutingRules } from './parse-routing-rules';
import { recordRouting, routingTurn } from './routing-record';

const { rules } = parseRoutingRules(
  {
    rules: [
      { name: 'tr-check', match: { country: 'TR' }, action: 'hold', reason: 'address_check' },
      { name: 'to-flexport', action: 'fulfill:flexport' },
    ],
  },
  ['address_check'],
);
const NOW = '2026-01-02T03:04:05.000Z';

describe('routingTurn', () => {
  it('routes a ready, unheld order routing has not decided yet', () => {
    const turn = routingTurn(buildOrder({ status: 'ready', shippingAddress: { countryCode: 'TR' } }), rules);
    expect(turn).toEqual({ decision: expect.objectContaining({ rule: 'tr-check', action: { type: 'hold', reason: 'address_check' } }) });
  });

  it('leaves alone an order that is not ready, is held, or was routed already', () => {
    expect(routingTurn(buildOrder({ status: 'fulfilling' }), rules)).toEqual({ skipped: 'status is fulfilling; only ready orders are routed' });
    const held = buildOrder({ status: 'ready', holds: [{ id: 'hld_1', reason: 'fraud_review', source: 'operator', note: 'n', placedBy: 'p', placedAt: NOW }] });
    expect(routingTurn(held, rules)).toEqual({ skipped: 'on hold (fraud_review); routed once every hold is released' });
    const routed = buildOrder({ status: 'ready', routing: { rule: 'to-flexport', action: 'fulfill', at: NOW, refused: 'online_only: …' } });
    expect(routingTurn(routed, rules)).toEqual({ skipped: `routed already by rule to-flexport (fulfill) at ${NOW}` });
  });

  it('leaves alone a ready order a person fulfilled in part: neither the rest sent nor a hold placed (LP-3)', () => {
    const partly = buildOrder({
      status: 'ready',
      shippingAddress: { countryCode: 'TR' },
      lines: [buildLine({ id: 'line-1', status: 'fulfilling' }), buildLine({ id: 'line-2' })],
      fulfillment: {
        provider: 'flexport',
        providerOrderId: 'fx-1',
        providerStatus: 'CREATED',
        shipments: [],
        attempt: 1,
        parts: [{ attempt: 1, providerOrderId: 'fx-1', providerStatus: 'CREATED', lineIds: ['line-1'], shipments: [] }],
      },
    });
    expect(routingTurn(partly, rules)).toEqual({ skipped: 'fulfilled in part already (lines line-1 taken); the rest is left to a person' });
    const partCancelled = { ...partly, lines: [buildLine({ id: 'line-1' }), buildLine({ id: 'line-2' })] };
    expect(routingTurn(partCancelled, rules)).toEqual({ skipped: 'fulfilled in part already (1 Flexport part(s) recorded); the rest is left to a person' });
  });

  it('never takes a hold that was refused (never placed) for a released one', () => {
    const refused = buildOrder({ status: 'ready', shippingAddress: { countryCode: 'TR' }, routing: { rule: 'tr-check', action: 'hold', at: NOW, refused: 'command_in_progress: …' } });
    expect(routingTurn(refused, rules)).toEqual({ skipped: `routed already by rule tr-check (hold) at ${NOW}` });
  });

  it('after a person released the rule’s hold, reads the rules again without the hold rules', () => {
    const released = buildOrder({ status: 'ready', shippingAddress: { countryCode: 'TR' }, routing: { rule: 'tr-check', action: 'hold', at: NOW } });
    expect(routingTurn(released, rules)).toEqual({ decision: expect.objectContaining({ rule: 'to-flexport', verdicts: [{ rule: 'to-flexport', matched: true }] }) });
  });
});

describe('recordRouting', () => {
  it('keeps the decision on the order with a history entry by the rule', () => {
    const order = buildOrder({ status: 'ready', shippingAddress: { countryCode: 'DE' } });
    const turn = routingTurn(order, rules);
    if (!('decision' in turn)) throw new Error('expected a decision');
    const change = recordRouting(order, turn.decision, NOW);
    expect(change.order.routing).toEqual({ rule: 'to-flexport', action: 'fulfill', at: NOW });
    expect(change.history).toEqual([expect.objectContaining({ kind: 'annotation', actor: 'routing-rule:to-flexport', cause: 'system', note: 'routing: fulfil via Flexport (rule to-flexport)' })]);
    const refused = recordRouting(order, turn.decision, NOW, 'online_only: the order must ship online');
    expect(refused.order.routing?.refused).toBe('online_only: the order must ship online');
    expect(refused.history[0].note).toBe('routing: fulfil via Flexport refused — online_only: the order must ship online');
  });
});
