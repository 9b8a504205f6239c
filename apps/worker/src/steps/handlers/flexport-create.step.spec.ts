import { ProviderOrder, RemoteRefusedError } from '@app/adapters';
import { loadConfig } from '@app/config';
import { Attention, CanonicalOrder } from '@app/orders';
import { buildLine, buildOrder } from '@app/orders/testing';
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

    expect(createOrder.mock.calls).toEqual([[order, { shipMethod: 'expedited', lineIds: ['line-1'] }]]);
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

  describe('a fulfil naming lines (docs/api-decisions.md FX-9)', () => {
    const three = () =>
      buildOrder({
        channel: 'akinon',
        status: 'ready',
        lines: [buildLine({ id: 'l1' }), buildLine({ id: 'l2', externalLineId: 'e2' }), buildLine({ id: 'l3', externalLineId: 'e3', status: 'rejected' })],
      });
    const naming = (order: CanonicalOrder, lineIds?: string[]) =>
      commandContext(order, {
        command: 'fulfill',
        plan: [{ system: 'flexport', step: 'flexport-create' }],
        payload: { mode: 'flexport', ...(lineIds ? { lines: lineIds.map((lineId) => ({ lineId })) } : {}) },
      });

    it('sends only the named lines, moves only them, and records the Flexport order as a part: the order stays ready', async () => {
      const { handler, effects, createOrder } = step(async () => created({ providerOrderId: 'fx-1' }));
      const order = three();
      await handler.run(naming(order, ['l1']));
      expect(createOrder.mock.calls).toEqual([[order, { shipMethod: undefined, lineIds: ['l1'] }]]);
      const saved = effects[0].order;
      expect(saved.status).toBe('ready');
      expect(saved.lines.map((line) => line.status)).toEqual(['fulfilling', 'ready', 'rejected']);
      expect(saved.fulfillment?.parts).toEqual([{ attempt: 1, providerOrderId: 'fx-1', providerStatus: 'CREATED', lineIds: ['l1'], shipments: [] }]);
      expect(effects[0].note).toBe('Flexport order fx-1 created (attempt 1, externalOrderId joom:main:ext-1, lines l1)');
    });

    it('without lines sends the lines still to fulfil — never the rejected one — as the next part, and the order becomes fulfilling', async () => {
      const first = { attempt: 1, providerOrderId: 'fx-1', providerStatus: 'CREATED', lineIds: ['l1'], shipments: [] };
      const order = buildOrder({
        ...three(),
        lines: three().lines.map((line) => (line.id === 'l1' ? { ...line, status: 'fulfilling' as const } : line)),
        fulfillment: { provider: 'flexport', providerOrderId: 'fx-1', providerStatus: 'CREATED', shipments: [], trackingPushedAt: null, attempt: 1, parts: [first] },
      });
      const { handler, effects, createOrder } = step(async () => created({ providerOrderId: 'fx-2', attempt: 2 }));
      await handler.run(naming(order));
      expect(createOrder.mock.calls[0][1]).toEqual({ shipMethod: undefined, lineIds: ['l2'] });
      const saved = effects[0].order;
      expect(saved.status).toBe('fulfilling');
      expect(saved.lines.map((line) => line.status)).toEqual(['fulfilling', 'fulfilling', 'rejected']);
      expect(saved.fulfillment).toEqual(
        expect.objectContaining({ providerOrderId: 'fx-2', attempt: 2, parts: [first, expect.objectContaining({ attempt: 2, providerOrderId: 'fx-2', lineIds: ['l2'] })] }),
      );
    });

    it('a whole fulfil after a line was rejected sends the other lines and keeps one Flexport order (no parts)', async () => {
      const { handler, effects, createOrder } = step(async () => created());
      await handler.run(naming(three()));
      expect(createOrder.mock.calls[0][1]).toEqual({ shipMethod: undefined, lineIds: ['l1', 'l2'] });
      expect(effects[0].order.status).toBe('fulfilling');
      expect(effects[0].order.lines.map((line) => line.status)).toEqual(['fulfilling', 'fulfilling', 'rejected']);
      expect(effects[0].order.fulfillment?.parts).toBeUndefined();
    });

    it('refuses before any call a line already sent or closed (line_not_fulfillable)', async () => {
      const { handler, effects, createOrder } = step(async () => created());
      const error = await handler.run(naming(three(), ['l3'])).catch((e: unknown) => e);
      expect(error).toEqual(expect.objectContaining({ code: 'line_not_fulfillable' }));
      expect(classifyFailure(error)).toBe('not_applicable');
      expect(createOrder).not.toHaveBeenCalled();
      expect(effects).toEqual([]);
    });
  });
});
