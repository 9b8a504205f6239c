import { ProviderOrder, RemoteRefusedError } from '@app/adapters';
import { loadConfig } from '@app/config';
import { Attention, CanonicalOrder } from '@app/orders';
import { buildOrder } from '@app/orders/testing';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { classifyFailure } from '../failure-policy';
import { StepContext } from '../step-handler';
import { FlexportCreateStep } from './flexport-create.step';
import { recordingEffects, commandContext } from './testing/step-harness';

const NOW = '2026-01-02T00:00:00.000Z';

const created = (overrides: Partial<ProviderOrder> = {}): ProviderOrder => ({
  providerOrderId: 'fx-77',
  externalOrderId: 'joom:main:ext-1',
  attempt: 1,
  status: 'fulfilling',
  rawStatus: 'CREATED',
  shipments: [],
  error: null,
  requestId: 'fx-req-1',
  ...overrides,
});

/** `current`: the order as the save finds it, when it moved while Flexport was called. */
function step(create: (order: CanonicalOrder, options?: { shipMethod?: string }) => Promise<ProviderOrder>, current?: CanonicalOrder) {
  const { effects, orderEffects } = recordingEffects(NOW, { current });
  const createOrder = jest.fn(create);
  const adapters = { provider: () => ({ createOrder }) } as unknown as AdapterRegistry;
  const config = loadConfig({ JOOM_ACCESS_TOKEN: 'token-0123456789abcdef', JOOM_API_VERSION: 'v3' });
  return { handler: new FlexportCreateStep(adapters, orderEffects, config), effects, createOrder };
}

const context = (order: CanonicalOrder, firstAttempt = true): StepContext =>
  commandContext(order, { command: 'fulfill', plan: [{ system: 'flexport', step: 'flexport-create' }], payload: { mode: 'flexport', shipMethod: 'expedited' }, firstAttempt });

const flag = (code: Attention['code'], details?: Record<string, unknown>): Attention => ({ code, message: 'earlier', since: '2026-01-01T00:00:00.000Z', ...(details ? { details } : {}) });

describe('FlexportCreateStep', () => {
  it('creates the Flexport order with the ship method and records it: fulfilling, attempt, externalOrderId in the note', async () => {
    const { handler, effects, createOrder } = step(async () => created({ attempt: 2, externalOrderId: 'joom:main:ext-1-2' }));
    const order = buildOrder({ channel: 'joom', status: 'ready' });
    const result = await handler.run(context(order));

    expect(createOrder.mock.calls).toEqual([[order, { shipMethod: 'expedited' }]]);
    expect(effects).toHaveLength(1);
    const { order: saved, note, requestId } = effects[0];
    expect(saved.status).toBe('fulfilling');
    expect(saved.fulfillment).toEqual({ provider: 'flexport', providerOrderId: 'fx-77', providerStatus: 'CREATED', shipments: [], trackingPushedAt: null, attempt: 2 });
    expect(saved.attention).toBeNull();
    expect(note).toBe('Flexport order fx-77 created (attempt 2, externalOrderId joom:main:ext-1-2)');
    expect(requestId).toBe('fx-req-1');
    expect(result).toEqual({ status: 'fulfilling', providerOrderId: 'fx-77' });
  });

  it('flags fulfillment_error when Flexport created the order in ERROR, with its error in the details', async () => {
    const error = { type: 'STOCKOUT', code: 'E12', message: 'not enough stock for SKU-1', retriable: true };
    const { handler, effects } = step(async () => created({ rawStatus: 'ERROR', error }));
    await handler.run(context(buildOrder({ status: 'ready' })));
    expect(effects[0].order.status).toBe('fulfilling');
    expect(effects[0].order.attention).toEqual({
      code: 'fulfillment_error',
      message: expect.stringContaining('not enough stock for SKU-1'),
      since: NOW,
      details: { type: 'STOCKOUT', code: 'E12', retriable: true, providerOrderId: 'fx-77' },
    });
  });

  it.each([
    ["the previous attempt's fulfillment_error", flag('fulfillment_error'), null],
    ['a command_failed of an earlier flexport-create', flag('command_failed', { step: 'flexport-create' }), null],
    ['a command_failed of another step (kept)', flag('command_failed', { step: 'channel-cancel' }), flag('command_failed', { step: 'channel-cancel' })],
    ['a status_regressed (kept)', flag('status_regressed'), flag('status_regressed')],
  ])('a new Flexport order clears only the flags it settles: %s', async (_name, attention, expected) => {
    const { handler, effects } = step(async () => created());
    await handler.run(context(buildOrder({ status: 'ready', attention })));
    expect(effects[0].order.attention).toEqual(expected);
  });

  it('keeps the state of an order that moved while Flexport was called (a cancel request) and flags the stray Flexport order', async () => {
    const ready = buildOrder({ status: 'ready' });
    const cancelling = buildOrder({ status: 'cancelling', version: 2 });
    const { handler, effects } = step(async () => created(), cancelling);
    const result = await handler.run(context(ready));
    expect(effects[0].order.status).toBe('cancelling');
    expect(effects[0].order.fulfillment).toEqual(expect.objectContaining({ provider: 'flexport', providerOrderId: 'fx-77' }));
    expect(effects[0].order.attention).toEqual({
      code: 'fulfillment_error',
      message: expect.stringContaining('fx-77 was created while the order became cancelling'),
      since: NOW,
      details: { providerOrderId: 'fx-77' },
    });
    expect(result.status).toBe('cancelling');
  });

  it.each([
    ['already fulfilling', buildOrder({ status: 'fulfilling', fulfillment: { provider: 'flexport', providerOrderId: 'fx-1' } }), 'illegal_transition'],
    ['missing a city (AK-8)', buildOrder({ status: 'ready', shippingAddress: { city: ' ' } }), 'address_incomplete'],
    ['bound to ship online (Joom online_only)', buildOrder({ status: 'ready', shippingConstraints: { requirement: 'online_only' } }), 'online_only'],
    // A hold saved after the command was queued (a sync's system hold, HO-3/HO-4): the step reads it before calling Flexport.
    [
      'held since the command was queued (HO-4)',
      buildOrder({
        status: 'ready',
        holds: [{ id: 'hld_000000000001', reason: 'address_incomplete', source: 'system', note: 'lacks city', placedBy: 'system', placedAt: '2024-01-15T10:00:00.000Z' }],
      }),
      'on_hold',
    ],
  ])('refuses before any call when the order is %s', async (_name, order, code) => {
    const { handler, effects, createOrder } = step(async () => created());
    const error = await handler.run(context(order)).catch((e: unknown) => e);
    expect(error).toEqual(expect.objectContaining({ code }));
    expect(classifyFailure(error)).toBe('not_applicable');
    expect(createOrder).not.toHaveBeenCalled();
    expect(effects).toEqual([]);
  });

  it('saves nothing when Flexport refuses the order', async () => {
    const { handler, effects } = step(async () => {
      throw new RemoteRefusedError('flexport', 'unknown SKU', 422, 'invalid_item');
    });
    const error = await handler.run(context(buildOrder({ status: 'ready' }))).catch((e: unknown) => e);
    expect(classifyFailure(error)).toBe('refused');
    expect(effects).toEqual([]);
  });
});
