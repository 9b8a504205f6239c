import { CommandOutcome, RemoteRefusedError, TrackingCommand } from '@app/adapters';
import { CanonicalOrder, ChannelProfile } from '@app/orders';
import { buildFulfillment, buildOrder, buildShipment } from '@app/orders/testing';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { classifyFailure } from '../failure-policy';
import { StepContext } from '../step-handler';
import { ModifyTrackingStep } from './modify-tracking.step';
import { recordingEffects, commandContext } from './testing/step-harness';

const SHIPPED_AT = '2026-01-01T08:00:00.000Z';
const NOW = '2026-01-02T00:00:00.000Z';

const shippedByMerchant = (overrides: Parameters<typeof buildOrder>[0] = {}) =>
  buildOrder({
    channel: 'joom',
    status: 'shipped',
    fulfillment: buildFulfillment({ provider: 'merchant', shipments: [buildShipment({ carrier: 'DHL', trackingNumber: 'JD0001', trackingUrl: 'https://t.example/JD0001', shippedAt: SHIPPED_AT })] }),
    ...overrides,
  });

function step(profile: ChannelProfile, modify: (order: CanonicalOrder, command: TrackingCommand) => Promise<CommandOutcome>) {
  const { effects, orderEffects } = recordingEffects(NOW);
  const modifyTracking = jest.fn(modify);
  const adapters = { salesChannel: () => ({ profile, modifyTracking }) } as unknown as AdapterRegistry;
  return { handler: new ModifyTrackingStep(adapters, orderEffects), effects, modifyTracking };
}

const context = (order: CanonicalOrder, firstAttempt = true): StepContext =>
  commandContext(order, {
    command: 'modify-tracking',
    plan: [{ system: 'joom', step: 'modify-tracking' }],
    payload: { carrier: 'China Post', trackingNumber: 'RB123456785CN' },
    firstAttempt,
  });

const done = async (): Promise<CommandOutcome> => ({ requestId: 'req-9', alreadyDone: false });

describe('ModifyTrackingStep', () => {
  it('hands the new tracking to the channel and keeps it on the order, which stays shipped, with one note of the change', async () => {
    const { handler, effects, modifyTracking } = step('joom_v3', done);
    const result = await handler.run(context(shippedByMerchant()));

    expect(modifyTracking).toHaveBeenCalledTimes(1);
    expect(modifyTracking.mock.calls[0][1]).toEqual({ carrier: 'China Post', trackingNumber: 'RB123456785CN', firstAttempt: true });
    expect(effects).toHaveLength(1);
    const { order, note, requestId } = effects[0];
    expect(order.status).toBe('shipped');
    expect(order.fulfillment).toEqual({
      provider: 'merchant',
      providerOrderId: null,
      providerStatus: null,
      // When it left stays; the old number's tracking link does not.
      shipments: [{ carrier: 'China Post', trackingNumber: 'RB123456785CN', trackingUrl: null, shippedAt: SHIPPED_AT, deliveredAt: null }],
    });
    expect(note).toBe('tracking changed: DHL JD0001 → China Post RB123456785CN');
    expect(requestId).toBe('req-9');
    expect(result).toEqual({
      status: 'shipped',
      carrier: 'China Post',
      trackingNumber: 'RB123456785CN',
      previous: { carrier: 'DHL', trackingNumber: 'JD0001' },
      alreadyDone: false,
    });
  });

  it('tells the adapter a retry is not a first attempt, so it reads the channel order before writing', async () => {
    const { handler, effects, modifyTracking } = step('joom_v2', async () => ({ requestId: null, alreadyDone: true }));
    const result = await handler.run(context(shippedByMerchant(), false));
    expect(modifyTracking.mock.calls[0][1].firstAttempt).toBe(false);
    // The channel already showed it: the order still gets the tracking, once.
    expect(result.alreadyDone).toBe(true);
    expect(effects[0].order.fulfillment?.shipments[0].trackingNumber).toBe('RB123456785CN');
  });

  it.each([
    ['not shipped yet', 'joom_v3' as const, buildOrder({ channel: 'joom', status: 'ready' }), 'illegal_transition'],
    ['shipped through Flexport', 'joom_v3' as const, shippedByMerchant({ fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1' }) }), 'tracking_not_modifiable'],
    ['on a channel that cannot', 'akinon' as const, shippedByMerchant({ channel: 'akinon' }), 'capability_unsupported'],
  ])('refuses before any call when the order is %s', async (_name, profile, order, code) => {
    const { handler, effects, modifyTracking } = step(profile, done);
    const error = await handler.run(context(order)).catch((e: unknown) => e);
    expect(error).toEqual(expect.objectContaining({ code }));
    expect(classifyFailure(error)).toBe('not_applicable');
    expect(modifyTracking).not.toHaveBeenCalled();
    expect(effects).toEqual([]);
  });

  it('saves nothing when the channel refuses, and leaves the refusal to the failure policy (flagged, no retry)', async () => {
    const { handler, effects } = step('joom_v2', async () => {
      throw new RemoteRefusedError('joom', 'Tracking can only be modified on SHIPPED orders', 200, '2007');
    });
    const error = await handler.run(context(shippedByMerchant())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteRefusedError);
    expect(classifyFailure(error)).toBe('refused');
    expect(effects).toEqual([]);
  });
});
