import { ProviderOrder, RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { CanonicalOrder } from '@app/orders';
import { buildFulfillment, buildOrder } from '@app/orders/testing';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { classifyFailure } from '../failure-policy';
import { StepContext } from '../step-handler';
import { FlexportCancelRefusedError, FlexportCancelStep } from './flexport-cancel.step';
import { recordingEffects, commandContext } from './testing/step-harness';

const NOW = '2026-01-02T00:00:00.000Z';

const atFlexport = () =>
  buildOrder({ channel: 'joom', status: 'fulfilling', fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1', providerStatus: 'CREATED', shipments: [] }) });

function step(cancel: (providerOrderId: string, reason?: string) => Promise<ProviderOrder>) {
  const { effects, flags, orderEffects } = recordingEffects(NOW);
  const cancelAtFlexport = jest.fn(cancel);
  const adapters = { provider: () => ({ cancel: cancelAtFlexport }) } as unknown as AdapterRegistry;
  return { handler: new FlexportCancelStep(adapters, orderEffects), effects, flags, cancel: cancelAtFlexport };
}

const context = (order: CanonicalOrder, payload: Record<string, unknown> = { reason: 'out_of_stock' }): StepContext =>
  commandContext(order, {
    command: 'cancel',
    plan: [
      { system: 'flexport', step: 'flexport-cancel' },
      { system: 'joom', step: 'channel-cancel' },
    ],
    payload,
  });

const cancelled = async (providerOrderId: string): Promise<ProviderOrder> => ({
  providerOrderId,
  externalOrderId: 'joom:main:ext-1',
  status: 'cancelled',
  rawStatus: 'CANCELLED',
  shipments: [],
  error: null,
  requestId: 'fx-req-5',
});

describe('FlexportCancelStep', () => {
  it("cancels the Flexport order with the command's reason and records Flexport's status, leaving the order's own state to the channel cancel", async () => {
    const { handler, effects, cancel, flags } = step(cancelled);
    const order = atFlexport();
    const result = await handler.run(context(order));

    expect(cancel.mock.calls).toEqual([['fx-1', 'out_of_stock']]);
    expect(effects).toHaveLength(1);
    const { order: saved, note, requestId } = effects[0];
    expect(saved.status).toBe('fulfilling');
    expect(saved.fulfillment).toEqual({ ...order.fulfillment, providerStatus: 'CANCELLED' });
    expect(note).toBe('Flexport order fx-1 cancelled');
    expect(requestId).toBe('fx-req-5');
    expect(flags).toEqual([]);
    expect(result).toEqual({ providerOrderId: 'fx-1', providerStatus: 'CANCELLED' });
  });

  it("gives Flexport 'cancelled' as the reason when the command names none", async () => {
    const { handler, cancel } = step(cancelled);
    await handler.run(context(atFlexport(), {}));
    expect(cancel.mock.calls[0][1]).toBe('cancelled');
  });

  it('skips, with no call and no save, an order that has no Flexport order', async () => {
    const { handler, effects, cancel } = step(cancelled);
    const result = await handler.run(context(buildOrder({ status: 'ready' })));
    expect(result).toEqual({ skipped: 'the order has no Flexport order' });
    expect(cancel).not.toHaveBeenCalled();
    expect(effects).toEqual([]);
  });

  it('flags cancel_refused when Flexport refuses (it has shipped), saves nothing, and ends the command without command_failed', async () => {
    const { handler, effects, flags } = step(async () => {
      throw new RemoteRefusedError('flexport', 'order already shipped', 409, 'ORDER_SHIPPED');
    });
    const error = await handler.run(context(atFlexport())).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(FlexportCancelRefusedError);
    expect(error).toEqual(expect.objectContaining({ code: 'cancel_refused', details: { providerOrderId: 'fx-1' } }));
    // The step flagged the order itself: the failure policy must not flag it again as command_failed.
    expect(classifyFailure(error)).toBe('refused_flagged');
    expect(flags).toEqual([{ code: 'cancel_refused', message: 'Flexport refused to cancel order fx-1: order already shipped', details: { providerOrderId: 'fx-1', remoteCode: 'ORDER_SHIPPED' } }]);
    expect(effects).toEqual([]);
  });

  it('leaves a blip to the failure policy (retried), with no flag and no save', async () => {
    const blip = new RemoteTransientError('flexport', 'HTTP 503', 503, null);
    const { handler, effects, flags } = step(async () => {
      throw blip;
    });
    const error = await handler.run(context(atFlexport())).catch((e: unknown) => e);
    expect(error).toBe(blip);
    expect(classifyFailure(error)).toBe('transient');
    expect(flags).toEqual([]);
    expect(effects).toEqual([]);
  });

  describe('an order in several Flexport orders (docs/api-decisions.md FX-9)', () => {
    const part = (attempt: number, providerStatus: string) => ({ attempt, providerOrderId: `fx-${attempt}`, providerStatus, lineIds: [`l${attempt}`], shipments: [] });
    const split = (...parts: ReturnType<typeof part>[]) =>
      buildOrder({ channel: 'akinon', status: 'fulfilling', fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-3', providerStatus: 'CREATED', shipments: [], parts }) });

    it('cancels every part not cancelled yet and records each', async () => {
      const { handler, effects, cancel } = step(cancelled);
      await handler.run(context(split(part(1, 'CREATED'), part(2, 'CANCELLED'), part(3, 'CREATED'))));
      expect(cancel.mock.calls).toEqual([
        ['fx-1', 'out_of_stock'],
        ['fx-3', 'out_of_stock'],
      ]);
      expect(effects[0].order.fulfillment?.parts?.map((p) => p.providerStatus)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
      expect(effects[0].note).toBe('Flexport order fx-1, fx-3 cancelled');
    });

    it('a part Flexport refuses to cancel (shipped) keeps the parts cancelled before it, flags the order and stops the channel cancel', async () => {
      const { handler, effects, flags } = step(async (id) => (id === 'fx-2' ? Promise.reject(new RemoteRefusedError('flexport', 'already shipped', 400, null)) : cancelled(id)));
      const error = await handler.run(context(split(part(1, 'CREATED'), part(2, 'SHIPPED'), part(3, 'CREATED')))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FlexportCancelRefusedError);
      expect(effects[0].order.fulfillment?.parts?.map((p) => p.providerStatus)).toEqual(['CANCELLED', 'SHIPPED', 'CREATED']);
      expect(flags).toEqual([expect.objectContaining({ code: 'cancel_refused' })]);
    });
  });
});
