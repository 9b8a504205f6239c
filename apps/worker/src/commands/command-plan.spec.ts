import { buildFulfillment, buildOrder } from '@app/orders/testing';
import { parseCommandJob } from '@app/queues';
import { planCommand } from './command-plan';

describe('planCommand: modify-tracking', () => {
  it("is one call to the order's channel, in that channel's queue", () => {
    const order = buildOrder({ channel: 'joom', status: 'shipped', fulfillment: buildFulfillment({ provider: 'merchant' }) });
    const command = parseCommandJob('modify-tracking', { orderId: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d', carrier: 'EMS', trackingNumber: 'EE123456789CN' });
    expect(planCommand(order, command)).toEqual([{ system: 'joom', step: 'modify-tracking' }]);
  });
});
