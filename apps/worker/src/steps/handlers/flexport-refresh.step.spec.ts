import { ProviderOrder, RemoteNotFoundError, RemoteTransientError } from '@app/adapters';
import { Attention, CanonicalOrder, Channel } from '@app/orders';
import { buildFulfillment, buildOrder, buildShipment } from '@app/orders/testing';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { classifyFailure } from '../failure-policy';
import { StepContext } from '../step-handler';
import { FlexportRefreshStep } from './flexport-refresh.step';
import { recordingEffects, followUpContext } from './testing/step-harness';

const NOW = '2026-01-02T00:00:00.000Z';
const SHIPMENT = buildShipment({ carrier: 'UPS', trackingNumber: '1Z999AA10123456784', shippedAt: '2026-01-01T12:00:00.000Z' });

const atFlexport = (
  overrides: { channel?: Channel; status?: CanonicalOrder['status']; providerStatus?: string; shipped?: boolean; attention?: Attention | null; trackingPushedAt?: string | null } = {},
) =>
  buildOrder({
    channel: overrides.channel ?? 'joom',
    status: overrides.status ?? 'fulfilling',
    attention: overrides.attention ?? null,
    fulfillment: buildFulfillment({
      provider: 'flexport',
      providerOrderId: 'fx-1',
      providerStatus: overrides.providerStatus ?? 'CREATED',
      shipments: overrides.shipped ? [SHIPMENT] : [],
      trackingPushedAt: overrides.trackingPushedAt ?? null,
    }),
  });

const remote = (overrides: Partial<ProviderOrder> = {}): ProviderOrder => ({
  providerOrderId: 'fx-1',
  externalOrderId: 'joom:main:ext-1',
  status: 'fulfilling',
  rawStatus: 'CREATED',
  shipments: [],
  error: null,
  requestId: 'fx-req-2',
  ...overrides,
});

function step(read: (providerOrderId: string) => Promise<ProviderOrder>) {
  const { effects, flags, orderEffects } = recordingEffects(NOW);
  const getOrder = jest.fn(read);
  const adapters = { provider: () => ({ getOrder }) } as unknown as AdapterRegistry;
  return { handler: new FlexportRefreshStep(adapters, orderEffects), effects, flags, getOrder };
}

const context = (order: CanonicalOrder): StepContext => followUpContext(order, { jobId: 'refresh-1', chainId: `refresh-${order.id}`, requestedBy: 'flexport', cause: 'webhook' });

describe('FlexportRefreshStep', () => {
  it('skips, with no call, an order not routed to Flexport', async () => {
    const { handler, getOrder, effects } = step(async () => remote());
    const merchant = buildOrder({ status: 'shipped', fulfillment: buildFulfillment({ provider: 'merchant' }) });
    expect(await handler.run(context(merchant))).toEqual({ skipped: 'the order is not routed to Flexport' });
    expect(getOrder).not.toHaveBeenCalled();
    expect(effects).toEqual([]);
  });

  it.each([
    ['joom', true],
    // Akinon has no call to take tracking: nothing to push.
    ['akinon', false],
  ] as const)("SHIPPED moves a %s order fulfilling → shipped with Flexport's shipments; the tracking push is asked for: %s", async (channel, pushTracking) => {
    const { handler, getOrder, effects } = step(async () => remote({ status: 'shipped', rawStatus: 'SHIPPED', shipments: [SHIPMENT] }));
    const result = await handler.run(context(atFlexport({ channel })));

    expect(getOrder.mock.calls).toEqual([['fx-1']]);
    expect(effects).toHaveLength(1);
    const { order, transitions, note, requestId } = effects[0];
    expect(order.status).toBe('shipped');
    expect(order.fulfillment).toEqual(expect.objectContaining({ providerStatus: 'SHIPPED', shipments: [SHIPMENT], trackingPushedAt: null }));
    expect(transitions).toEqual([{ from: 'fulfilling', to: 'shipped' }]);
    expect(note).toBe('Flexport fx-1 is SHIPPED');
    expect(requestId).toBe('fx-req-2');
    expect(result).toEqual({ status: 'shipped', providerStatus: 'SHIPPED', changed: true, pushTracking });
  });

  it('DELIVERED straight from fulfilling takes both edges, in order', async () => {
    const { handler, effects } = step(async () => remote({ status: 'delivered', rawStatus: 'DELIVERED', shipments: [SHIPMENT] }));
    const result = await handler.run(context(atFlexport()));
    expect(effects[0].order.status).toBe('delivered');
    expect(effects[0].transitions).toEqual([
      { from: 'fulfilling', to: 'shipped' },
      { from: 'shipped', to: 'delivered' },
    ]);
    expect(result.pushTracking).toBe(true);
  });

  it('saves nothing when Flexport shows nothing new, and asks for the push only while it is owed', async () => {
    const unchanged = async () => remote({ status: 'shipped', rawStatus: 'SHIPPED', shipments: [SHIPMENT] });
    const owed = step(unchanged);
    expect(await owed.handler.run(context(atFlexport({ status: 'shipped', providerStatus: 'SHIPPED', shipped: true })))).toEqual({
      status: 'shipped',
      providerStatus: 'SHIPPED',
      changed: false,
      pushTracking: true,
    });
    expect(owed.effects).toEqual([]);

    const pushed = step(unchanged);
    const result = await pushed.handler.run(context(atFlexport({ status: 'shipped', providerStatus: 'SHIPPED', shipped: true, trackingPushedAt: '2026-01-01T13:00:00.000Z' })));
    expect(result.pushTracking).toBe(false);
    expect(pushed.effects).toEqual([]);
  });

  it('sends an order Flexport cancelled on its own back to ready, flagged to fulfil again', async () => {
    const { handler, effects } = step(async () => remote({ status: 'cancelled', rawStatus: 'CANCELLED' }));
    const result = await handler.run(context(atFlexport()));
    const { order } = effects[0];
    expect(order.status).toBe('ready');
    expect(order.lines.map((line) => line.status)).toEqual(['ready']);
    expect(order.fulfillment?.providerStatus).toBe('CANCELLED');
    expect(order.attention).toEqual({ code: 'fulfillment_error', message: 'Flexport cancelled order fx-1; the order is ready to fulfil again', since: NOW });
    expect(result).toEqual(expect.objectContaining({ status: 'ready', pushTracking: false }));
  });

  it('keeps that flag through the next refresh (a webhook after the poll): only a Flexport ERROR the refresh set is cleared by it', async () => {
    const cancelled = remote({ status: 'cancelled', rawStatus: 'CANCELLED' });
    const first = step(async () => cancelled);
    await first.handler.run(context(atFlexport()));
    const flagged = first.effects[0].order;

    const again = step(async () => cancelled);
    const result = await again.handler.run(context(flagged));
    expect(again.effects).toEqual([]);
    expect(result).toEqual(expect.objectContaining({ status: 'ready', changed: false }));
  });

  it("turns Flexport's ERROR into fulfillment_error, and clears it once Flexport no longer reports one", async () => {
    const error = { type: 'ADDRESS', code: null, message: 'invalid postal code', retriable: false };
    const failing = step(async () => remote({ rawStatus: 'ERROR', error }));
    await failing.handler.run(context(atFlexport()));
    const flagged = failing.effects[0].order;
    expect(flagged.status).toBe('fulfilling');
    expect(flagged.attention).toEqual(
      expect.objectContaining({ code: 'fulfillment_error', message: expect.stringContaining('invalid postal code'), details: expect.objectContaining({ type: 'ADDRESS' }) }),
    );

    const retried = step(async () => remote({ rawStatus: 'CREATED' }));
    const result = await retried.handler.run(context(flagged));
    expect(result.changed).toBe(true);
    expect(retried.effects[0].order.attention).toBeNull();
  });

  it('flags remote_missing once when Flexport has no such order any more, and leaves other failures to the failure policy', async () => {
    const gone = step(async () => {
      throw new RemoteNotFoundError('flexport', 'order fx-1');
    });
    expect(await gone.handler.run(context(atFlexport()))).toEqual({ status: 'fulfilling', missing: 'fx-1' });
    expect(gone.flags).toEqual([{ code: 'remote_missing', message: 'Flexport has no order fx-1 any more', details: { providerOrderId: 'fx-1' } }]);
    expect(gone.effects).toEqual([]);

    const alreadyFlagged = atFlexport({ attention: { code: 'remote_missing', message: 'Flexport has no order fx-1 any more', since: NOW } });
    await gone.handler.run(context(alreadyFlagged));
    expect(gone.flags).toHaveLength(1);

    const blip = step(async () => {
      throw new RemoteTransientError('flexport', 'HTTP 502', 502, null);
    });
    const error = await blip.handler.run(context(atFlexport())).catch((e: unknown) => e);
    expect(classifyFailure(error)).toBe('transient');
    expect(blip.flags).toEqual([]);
  });

  it('a re-run after a crash reports whether the tracking push is still owed', () => {
    const { handler } = step(async () => remote());
    expect(handler.resumeResult(atFlexport({ status: 'shipped', providerStatus: 'SHIPPED', shipped: true }))).toEqual({ pushTracking: true });
    expect(handler.resumeResult(atFlexport({ status: 'shipped', providerStatus: 'SHIPPED', shipped: true, trackingPushedAt: NOW }))).toEqual({ pushTracking: false });
    expect(handler.resumeResult(atFlexport({ status: 'fulfilling' }))).toEqual({ pushTracking: false });
  });
});
