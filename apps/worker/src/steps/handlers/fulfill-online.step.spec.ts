import { CommandAttempt, CommandOutcome, RemoteRefusedError } from '@app/adapters';
import { CanonicalOrder, ChannelProfile } from '@app/orders';
import { buildFulfillment, buildOrder } from '@app/orders/testing';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { classifyFailure } from '../failure-policy';
import { StepContext } from '../step-handler';
import { FulfillOnlineStep } from './fulfill-online.step';
import { recordingEffects, commandContext } from './testing/step-harness';

const NOW = '2026-01-02T00:00:00.000Z';

function step(profile: ChannelProfile, fulfil: (order: CanonicalOrder, attempt?: CommandAttempt) => Promise<CommandOutcome>) {
  const { effects, orderEffects } = recordingEffects(NOW);
  const fulfillOnline = jest.fn(fulfil);
  const adapters = { salesChannel: () => ({ profile, fulfillOnline }) } as unknown as AdapterRegistry;
  return { handler: new FulfillOnlineStep(adapters, orderEffects), effects, fulfillOnline };
}

const context = (order: CanonicalOrder, firstAttempt = true): StepContext =>
  commandContext(order, { command: 'fulfill', plan: [{ system: 'joom', step: 'fulfill-online' }], payload: { mode: 'online' }, firstAttempt });

const labelled = async (): Promise<CommandOutcome> => ({
  requestId: 'req-3',
  alreadyDone: false,
  details: { trackingNumber: 'JL000123456CN', shipperName: 'Joom Logistics Standard', shippingOrderNumber: 'SO-881' },
});

describe('FulfillOnlineStep', () => {
  it("asks Joom Logistics to ship and keeps the label's tracking: the order is fulfilling, held by joom_logistics", async () => {
    const { handler, effects, fulfillOnline } = step('joom_v3', labelled);
    const order = buildOrder({ channel: 'joom', status: 'ready' });
    const result = await handler.run(context(order));

    expect(fulfillOnline).toHaveBeenCalledTimes(1);
    expect(fulfillOnline.mock.calls[0]).toEqual([order, { firstAttempt: true }]);
    expect(effects).toHaveLength(1);
    const { order: saved, requestId } = effects[0];
    expect(saved.status).toBe('fulfilling');
    expect(saved.lines.map((line) => line.status)).toEqual(['fulfilling']);
    expect(saved.fulfillment).toEqual({
      provider: 'joom_logistics',
      providerOrderId: 'SO-881',
      providerStatus: null,
      // Not shipped yet: the label exists, the parcel has not left.
      shipments: [{ carrier: 'Joom Logistics Standard', trackingNumber: 'JL000123456CN', trackingUrl: null, shippedAt: null, deliveredAt: null }],
    });
    expect(requestId).toBe('req-3');
    expect(result).toEqual({ status: 'fulfilling', trackingNumber: 'JL000123456CN', alreadyDone: false });
  });

  it('records no shipment while the label has no tracking number yet', async () => {
    const { handler, effects } = step('joom_v3', async () => ({ requestId: null, alreadyDone: false, details: { trackingNumber: null } }));
    const result = await handler.run(context(buildOrder({ status: 'ready' })));
    expect(effects[0].order.fulfillment).toEqual({ provider: 'joom_logistics', providerOrderId: null, providerStatus: null, shipments: [] });
    expect(result).toEqual({ status: 'fulfilling', trackingNumber: null, alreadyDone: false });
  });

  it('lets a retry through when a sync already shows the order at Joom Logistics, and tells the adapter to read first', async () => {
    const { handler, effects, fulfillOnline } = step('joom_v3', async () => ({ ...(await labelled()), alreadyDone: true }));
    const synced = buildOrder({ status: 'fulfilling', fulfillment: buildFulfillment({ provider: 'joom_logistics', shipments: [] }) });
    const result = await handler.run(context(synced, false));
    expect(fulfillOnline.mock.calls[0][1]).toEqual({ firstAttempt: false });
    expect(result).toEqual({ status: 'fulfilling', trackingNumber: 'JL000123456CN', alreadyDone: true });
    expect(effects[0].order.fulfillment?.shipments).toHaveLength(1);
  });

  it.each([
    ['on Joom v2, which has no online shipping', 'joom_v2' as const, true, buildOrder({ status: 'ready' }), 'capability_unsupported'],
    ['offline_only at Joom', 'joom_v3' as const, true, buildOrder({ status: 'ready', shippingConstraints: { requirement: 'offline_only' } }), 'offline_only'],
    [
      'already fulfilling through Flexport, even on a retry',
      'joom_v3' as const,
      false,
      buildOrder({ status: 'fulfilling', fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1' }) }),
      'illegal_transition',
    ],
    [
      'already at Joom Logistics, on a first start',
      'joom_v3' as const,
      true,
      buildOrder({ status: 'fulfilling', fulfillment: buildFulfillment({ provider: 'joom_logistics' }) }),
      'illegal_transition',
    ],
  ])('refuses before any call when the order is %s', async (_name, profile, firstAttempt, order, code) => {
    const { handler, effects, fulfillOnline } = step(profile, labelled);
    const error = await handler.run(context(order, firstAttempt)).catch((e: unknown) => e);
    expect(error).toEqual(expect.objectContaining({ code }));
    expect(classifyFailure(error)).toBe('not_applicable');
    expect(fulfillOnline).not.toHaveBeenCalled();
    expect(effects).toEqual([]);
  });

  it('saves nothing when Joom refuses', async () => {
    const { handler, effects } = step('joom_v3', async () => {
      throw new RemoteRefusedError('joom', 'online shipping is not available', 400, 'unavailable');
    });
    const error = await handler.run(context(buildOrder({ status: 'ready' }))).catch((e: unknown) => e);
    expect(classifyFailure(error)).toBe('refused');
    expect(effects).toEqual([]);
  });
});
