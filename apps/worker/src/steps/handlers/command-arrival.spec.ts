import { buildFulfillment, buildLine, buildOrder } from '@app/orders/testing';
import { alreadyArrived, assertStepApplicable } from './command-arrival';

describe('assertStepApplicable', () => {
  const shippedByMerchant = buildOrder({ status: 'shipped', fulfillment: buildFulfillment({ provider: 'merchant' }) });
  const rejected = buildOrder({ channel: 'akinon', status: 'rejected', lines: [buildLine({ status: 'rejected' })] });

  it('lets a re-delivered step through when a sync already brought in its effect (the adapter reads before sending)', () => {
    expect(() => assertStepApplicable(shippedByMerchant, 'joom_v3', 'fulfill:tracking', true)).not.toThrow();
    expect(() => assertStepApplicable(rejected, 'akinon', 'reject', true)).not.toThrow();
    expect(() => assertStepApplicable(rejected, 'akinon', 'cancel', true)).not.toThrow();
  });

  it('refuses an arrived order on a first start: another command or the channel did it, and no read would guard the send', () => {
    expect(() => assertStepApplicable(shippedByMerchant, 'joom_v3', 'fulfill:tracking', false)).toThrow(expect.objectContaining({ code: 'illegal_transition' }));
    expect(() => assertStepApplicable(rejected, 'akinon', 'cancel', false)).toThrow(expect.objectContaining({ code: 'illegal_transition' }));
  });

  it('still refuses a move the order cannot make, and a capability the channel lacks', () => {
    const shippedByFlexport = buildOrder({ status: 'shipped', fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: '42' }) });
    expect(() => assertStepApplicable(shippedByFlexport, 'joom_v3', 'fulfill:tracking', true)).toThrow(expect.objectContaining({ code: 'illegal_transition' }));
    expect(() => assertStepApplicable(buildOrder({ status: 'shipped' }), 'joom_v3', 'cancel', true)).toThrow(expect.objectContaining({ code: 'illegal_transition' }));
    expect(() => assertStepApplicable(rejected, 'akinon', 'fulfill:tracking', true)).toThrow(expect.objectContaining({ code: 'capability_unsupported' }));
    expect(() => assertStepApplicable(buildOrder({ status: 'ready' }), 'joom_v3', 'fulfill:tracking', true)).not.toThrow();
  });

  it('counts an online fulfilment as arrived only when Joom Logistics holds it', () => {
    expect(alreadyArrived(buildOrder({ status: 'fulfilling', fulfillment: buildFulfillment({ provider: 'joom_logistics' }) }), 'fulfill:online')).toBe(true);
    expect(alreadyArrived(buildOrder({ status: 'fulfilling', fulfillment: buildFulfillment({ provider: 'flexport' }) }), 'fulfill:online')).toBe(false);
  });
});
