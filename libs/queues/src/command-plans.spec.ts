import { CHANNEL_CAPABILITIES, ORDER_ACTIONS } from '@app/orders';
import { buildFulfillment, buildOrder } from '@app/orders/testing';
import { COMMAND_PLANS, planCommand, stepsOfAction } from './command-plans';
import { STEP_NAMES } from './step-jobs';

const joom = buildOrder({ channel: 'joom', status: 'ready' });
const akinon = buildOrder({ channel: 'akinon', status: 'ready' });
const atFlexport = buildOrder({ channel: 'akinon', status: 'fulfilling', fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1', providerStatus: 'PROCESSING' }) });
const cancelledAtFlexport = buildOrder({ ...atFlexport, fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1', providerStatus: 'CANCELLED' }) });

describe('the command plan table', () => {
  it.each([
    ['fulfill', { mode: 'tracking' }, joom, [{ system: 'joom', step: 'fulfill-tracking' }]],
    ['fulfill', { mode: 'online' }, joom, [{ system: 'joom', step: 'fulfill-online' }]],
    ['fulfill', { mode: 'flexport' }, akinon, [{ system: 'flexport', step: 'flexport-create' }]],
    ['reject', { reason: 'other' }, akinon, [{ system: 'akinon', step: 'channel-reject' }]],
    ['modify-tracking', { carrier: 'EMS', trackingNumber: 'EE123' }, joom, [{ system: 'joom', step: 'modify-tracking' }]],
    ['cancel', { reason: 'other' }, joom, [{ system: 'joom', step: 'channel-cancel' }]],
    [
      'cancel',
      { reason: 'other' },
      atFlexport,
      [
        { system: 'flexport', step: 'flexport-cancel' },
        { system: 'akinon', step: 'channel-cancel' },
      ],
    ],
    ['cancel', { reason: 'other' }, cancelledAtFlexport, [{ system: 'akinon', step: 'channel-cancel' }]],
  ] as const)('plans %s %j', (name, body, order, steps) => {
    expect(planCommand(order, name, body)).toEqual(steps);
  });

  it('has a plan for every action, naming only known steps', () => {
    for (const action of ORDER_ACTIONS) expect(COMMAND_PLANS[action].steps.length).toBeGreaterThan(0);
    const offered = new Set(Object.values(CHANNEL_CAPABILITIES).flat());
    for (const action of offered) for (const step of stepsOfAction(action)) expect(STEP_NAMES).toContain(step);
  });

  it('lists the follow-ups with the steps a worker needs handlers for', () => {
    expect(stepsOfAction('fulfill:flexport')).toEqual(['flexport-create', 'flexport-refresh', 'push-tracking']);
    expect(stepsOfAction('cancel')).toEqual(['channel-cancel', 'flexport-cancel', 'channel-cancel']);
  });
});
