import { RemoteTransientError, SalesChannelAdapter } from '@app/adapters';
import { InvalidCarrierError } from '@app/joom';
import { Attention, CanonicalOrder } from '@app/orders';
import { buildFulfillment, buildOrder, buildShipment } from '@app/orders/testing';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { classifyFailure } from '../failure-policy';
import { StepContext } from '../step-handler';
import { CarrierUnmappedError, PushTrackingStep } from './push-tracking.step';
import { recordingEffects, followUpContext } from './testing/step-harness';

const shippedBy = (carrier: string, attention: Attention | null = null) =>
  buildOrder({
    channel: 'joom',
    status: 'shipped',
    attention,
    fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1', shipments: [buildShipment({ carrier, trackingNumber: '1Z999AA10123456784' })], trackingPushedAt: null }),
  });

function step(fulfil: SalesChannelAdapter['fulfillWithTracking']) {
  const { effects, flags, orderEffects } = recordingEffects('2026-01-01T00:00:00.000Z');
  const fulfillWithTracking = jest.fn(fulfil);
  const adapters = { salesChannel: () => ({ fulfillWithTracking }) } as unknown as AdapterRegistry;
  return { handler: new PushTrackingStep(adapters, orderEffects), flags, effects, fulfillWithTracking };
}

const context = (order: CanonicalOrder): StepContext => followUpContext(order, { chainId: `push-${order.id}`, requestedBy: 'gateway', cause: 'system' });

describe('PushTrackingStep carriers (docs/api-decisions.md CA-5)', () => {
  it("gives the channel the carrier name of Flexport's code (FEDEX → FedEx, DHL_ECOMMERCE → DHL)", async () => {
    const { handler, fulfillWithTracking } = step(async () => ({ requestId: null, alreadyDone: false }));
    await handler.run(context(shippedBy('FEDEX')));
    await handler.run(context(shippedBy('DHL_ECOMMERCE')));
    expect(fulfillWithTracking.mock.calls.map(([, command]) => command.carrier)).toEqual(['FedEx', 'DHL']);
  });

  it('flags carrier_unmapped naming the carrier, and ends the job for good (no retry loop)', async () => {
    const { handler, flags, effects } = step(async () => {
      throw new InvalidCarrierError('FedEx', "it is not one of Joom's accepted shipping providers and JOOM_CARRIER_MAP does not map it");
    });
    const error = await handler.run(context(shippedBy('FEDEX'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierUnmappedError);
    expect(classifyFailure(error)).toBe('refused_flagged');
    expect(flags).toEqual([{ code: 'carrier_unmapped', message: expect.stringContaining('FedEx'), details: expect.objectContaining({ carrier: 'FedEx', flexportCarrier: 'FEDEX' }) }]);
    expect(effects).toEqual([]);
  });

  it('leaves other failures to the failure policy (a 5xx still retries)', async () => {
    const { handler, flags } = step(async () => {
      throw new RemoteTransientError('joom', 'HTTP 503', 503, null);
    });
    const error = await handler.run(context(shippedBy('UPS'))).catch((e: unknown) => e);
    expect(classifyFailure(error)).toBe('transient');
    expect(flags).toEqual([]);
  });

  it('clears carrier_unmapped once a replay has pushed the tracking', async () => {
    const flagged = shippedBy('UPS', { code: 'carrier_unmapped', message: 'carrier UPS …', since: '2026-01-01T00:00:00.000Z' });
    const { handler, effects } = step(async () => ({ requestId: null, alreadyDone: false }));
    expect(await handler.run(context(flagged))).toEqual({ carrier: 'UPS', trackingNumber: '1Z999AA10123456784', alreadyDone: false });
    expect(effects[0].order.attention).toBeNull();
    expect(effects[0].order.fulfillment?.trackingPushedAt).toBe('2026-01-01T00:00:00.000Z');
  });
});
