import { CommandOutcome, RemoteRefusedError, TrackingCommand } from '@app/adapters';
import { CanonicalOrder, ChannelProfile } from '@app/orders';
import { buildFulfillment, buildOrder, buildShipment } from '@app/orders/testing';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { classifyFailure } from '../failure-policy';
import { StepContext } from '../step-handler';
import { FulfillTrackingStep } from './fulfill-tracking.step';
import { recordingEffects, commandContext } from './testing/step-harness';

const NOW = '2026-01-02T00:00:00.000Z';

function step(profile: ChannelProfile, fulfil: (order: CanonicalOrder, command: TrackingCommand) => Promise<CommandOutcome>) {
  const { effects, orderEffects } = recordingEffects(NOW);
  const fulfillWithTracking = jest.fn(fulfil);
  const adapters = { salesChannel: () => ({ profile, fulfillWithTracking }) } as unknown as AdapterRegistry;
  return { handler: new FulfillTrackingStep(adapters, orderEffects), effects, fulfillWithTracking };
}

const context = (order: CanonicalOrder, firstAttempt = true): StepContext =>
  commandContext(order, {
    command: 'fulfill',
    plan: [{ system: 'joom', step: 'fulfill-tracking' }],
    payload: { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0142', note: 'left the warehouse at 14:00' },
    firstAttempt,
  });

const done = async (): Promise<CommandOutcome> => ({ requestId: 'req-7', alreadyDone: false });

describe('FulfillTrackingStep', () => {
  it('hands the tracking to the channel and ships the order with one merchant shipment, the note and the request id', async () => {
    const { handler, effects, fulfillWithTracking } = step('joom_v3', done);
    const order = buildOrder({ channel: 'joom', status: 'ready' });
    const result = await handler.run(context(order));

    expect(fulfillWithTracking).toHaveBeenCalledTimes(1);
    expect(fulfillWithTracking.mock.calls[0][0]).toBe(order);
    expect(fulfillWithTracking.mock.calls[0][1]).toEqual({ carrier: 'DHL', trackingNumber: 'JD0142', note: 'left the warehouse at 14:00', firstAttempt: true });
    expect(effects).toHaveLength(1);
    const { order: saved, note, requestId } = effects[0];
    expect(saved.status).toBe('shipped');
    expect(saved.lines.map((line) => line.status)).toEqual(['shipped']);
    expect(saved.fulfillment).toEqual({
      provider: 'merchant',
      providerOrderId: null,
      providerStatus: null,
      shipments: [{ carrier: 'DHL', trackingNumber: 'JD0142', trackingUrl: null, shippedAt: NOW, deliveredAt: null }],
    });
    expect(note).toBe('left the warehouse at 14:00');
    expect(requestId).toBe('req-7');
    expect(result).toEqual({ status: 'shipped', alreadyDone: false });
  });

  it('lets a retry through when a sync already shipped the order by merchant: the adapter is told to read first, and the order stays shipped', async () => {
    const { handler, effects, fulfillWithTracking } = step('joom_v2', async () => ({ requestId: null, alreadyDone: true }));
    const synced = buildOrder({
      channel: 'joom',
      status: 'shipped',
      fulfillment: buildFulfillment({ provider: 'merchant', shipments: [buildShipment({ carrier: 'DHL', trackingNumber: 'JD0142' })] }),
    });
    const result = await handler.run(context(synced, false));

    expect(fulfillWithTracking.mock.calls[0][1].firstAttempt).toBe(false);
    expect(result).toEqual({ status: 'shipped', alreadyDone: true });
    expect(effects).toHaveLength(1);
    expect(effects[0].order.status).toBe('shipped');
    expect(effects[0].order.fulfillment?.shipments).toEqual([expect.objectContaining({ carrier: 'DHL', trackingNumber: 'JD0142' })]);
  });

  it.each([
    [
      'already shipped by merchant, on a first start (someone else did it)',
      'joom_v3' as const,
      true,
      buildOrder({ status: 'shipped', fulfillment: buildFulfillment({ provider: 'merchant' }) }),
      'illegal_transition',
    ],
    [
      'shipped through Flexport, even on a retry',
      'joom_v3' as const,
      false,
      buildOrder({ status: 'shipped', fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1' }) }),
      'illegal_transition',
    ],
    ['cancelled', 'joom_v3' as const, true, buildOrder({ status: 'cancelled' }), 'illegal_transition'],
    ['bound to ship online (Joom online_only)', 'joom_v3' as const, true, buildOrder({ status: 'ready', shippingConstraints: { requirement: 'online_only' } }), 'online_only'],
    ['on a channel that takes no merchant tracking', 'akinon' as const, true, buildOrder({ channel: 'akinon', status: 'ready' }), 'capability_unsupported'],
  ])('refuses before any call when the order is %s', async (_name, profile, firstAttempt, order, code) => {
    const { handler, effects, fulfillWithTracking } = step(profile, done);
    const error = await handler.run(context(order, firstAttempt)).catch((e: unknown) => e);
    expect(error).toEqual(expect.objectContaining({ code }));
    expect(classifyFailure(error)).toBe('not_applicable');
    expect(fulfillWithTracking).not.toHaveBeenCalled();
    expect(effects).toEqual([]);
  });

  it('saves nothing when the channel refuses, and leaves the refusal to the failure policy', async () => {
    const { handler, effects } = step('joom_v3', async () => {
      throw new RemoteRefusedError('joom', 'Order is not in APPROVED state', 400, '1001');
    });
    const error = await handler.run(context(buildOrder({ status: 'ready' }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteRefusedError);
    expect(classifyFailure(error)).toBe('refused');
    expect(effects).toEqual([]);
  });
});
