import { CommandOutcome, RejectCommand, RemoteRefusedError } from '@app/adapters';
import { CanonicalOrder, ChannelProfile } from '@app/orders';
import { buildInboundSnapshot, buildLine, buildOrder } from '@app/orders/testing';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { classifyFailure } from '../failure-policy';
import { StepContext } from '../step-handler';
import { ChannelRejectStep } from './channel-reject.step';
import { recordingEffects, commandContext } from './testing/step-harness';

const NOW = '2026-01-02T00:00:00.000Z';

function step(profile: ChannelProfile, rejectAtChannel: (order: CanonicalOrder, command: RejectCommand) => Promise<CommandOutcome>) {
  const { effects, orderEffects } = recordingEffects(NOW);
  const reject = jest.fn(rejectAtChannel);
  const adapters = { salesChannel: () => ({ profile, reject }) } as unknown as AdapterRegistry;
  return { handler: new ChannelRejectStep(adapters, orderEffects), effects, reject };
}

const context = (order: CanonicalOrder, payload: Record<string, unknown>, firstAttempt = true): StepContext =>
  commandContext(order, {
    command: 'reject',
    plan: [{ system: order.channel === 'akinon' ? 'akinon' : 'joom', step: 'channel-reject' }],
    payload: { reason: 'out_of_stock', ...payload },
    firstAttempt,
  });

const twoLines = (first = buildLine({ id: 'line-1' }), second = buildLine({ id: 'line-2', externalLineId: 'ext-line-2' })) =>
  buildOrder({ channel: 'akinon', status: 'ready', lines: [first, second] });

const done = async (): Promise<CommandOutcome> => ({ requestId: 'req-6', alreadyDone: false });

describe('ChannelRejectStep', () => {
  it('leaves a named line that shipped meanwhile as it is: only lines still rejectable become rejected', async () => {
    const { handler, effects } = step('akinon', done);
    const order = twoLines(buildLine({ id: 'line-1' }), buildLine({ id: 'line-2', externalLineId: 'ext-line-2', status: 'shipped' }));
    await handler.run(context(order, { lineIds: ['line-1', 'line-2'] }));
    expect(effects[0].order.lines.map((line) => [line.id, line.status])).toEqual([
      ['line-1', 'rejected'],
      ['line-2', 'shipped'],
    ]);
  });

  it('rejects only the lines named: they close, the order stays ready for the rest, with the note', async () => {
    const { handler, effects, reject } = step('akinon', done);
    const order = twoLines();
    const result = await handler.run(context(order, { lineIds: ['line-2'], note: 'damaged in the warehouse' }));

    expect(reject.mock.calls).toEqual([[order, { reason: 'out_of_stock', lineIds: ['line-2'], note: 'damaged in the warehouse', firstAttempt: true }]]);
    expect(effects).toHaveLength(1);
    const { order: saved, transitions, note, requestId } = effects[0];
    expect(saved.lines.map((line) => [line.id, line.status])).toEqual([
      ['line-1', 'ready'],
      ['line-2', 'rejected'],
    ]);
    expect(saved.status).toBe('ready');
    expect(transitions).toEqual([]);
    expect(note).toBe('damaged in the warehouse');
    expect(requestId).toBe('req-6');
    expect(result).toEqual({ status: 'ready', alreadyDone: false });
  });

  it('without line ids rejects every line still rejectable, and the order rolls up to rejected', async () => {
    const { handler, effects, reject } = step('akinon', done);
    const result = await handler.run(context(twoLines(), {}));
    expect(reject.mock.calls[0][1].lineIds).toBeUndefined();
    expect(effects[0].order.lines.map((line) => line.status)).toEqual(['rejected', 'rejected']);
    expect(effects[0].order.status).toBe('rejected');
    expect(effects[0].transitions).toEqual([{ from: 'ready', to: 'rejected' }]);
    expect(result.status).toBe('rejected');
  });

  it('without line ids on an order partly at Flexport names only the lines still to fulfil (LP-3): the line Flexport ships stays', async () => {
    const { handler, effects, reject } = step('akinon', done);
    const order = buildOrder({
      channel: 'akinon',
      status: 'ready',
      lines: [
        buildLine({ id: 'line-1', status: 'fulfilling' }),
        buildLine({ id: 'line-2', externalLineId: 'ext-line-2' }),
        buildLine({ id: 'line-3', externalLineId: 'ext-line-3', status: 'on_hold' }),
      ],
      fulfillment: {
        provider: 'flexport',
        providerOrderId: 'fx-1',
        providerStatus: 'CREATED',
        shipments: [],
        attempt: 1,
        parts: [{ attempt: 1, providerOrderId: 'fx-1', providerStatus: 'CREATED', lineIds: ['line-1'], shipments: [] }],
      },
    });
    await handler.run(context(order, {}));
    expect(reject.mock.calls[0][1].lineIds).toEqual(['line-2', 'line-3']);
    expect(effects[0].order.lines.map((line) => [line.id, line.status])).toEqual([
      ['line-1', 'fulfilling'],
      ['line-2', 'rejected'],
      ['line-3', 'rejected'],
    ]);
    expect(effects[0].order.status).toBe('fulfilling');
  });

  it('leaves a line already cancelled as it is: the order with one cancelled and one rejected line ends cancelled', async () => {
    const { handler, effects } = step('akinon', done);
    await handler.run(context(twoLines(buildLine({ id: 'line-1', status: 'cancelled' })), {}));
    expect(effects[0].order.lines.map((line) => line.status)).toEqual(['cancelled', 'rejected']);
    expect(effects[0].order.status).toBe('cancelled');
  });

  it('takes the order as the channel read it back, and passes a retry through to the adapter so it reads before sending', async () => {
    const readBack = buildInboundSnapshot({ status: 'rejected', channelStatus: 'REJECTED', channelUpdatedAt: '2026-01-01T23:00:00.000Z' });
    const { handler, effects, reject } = step('joom_v3', async () => ({
      requestId: null,
      alreadyDone: true,
      order: { externalId: 'ext-1', snapshot: readBack, placedAt: '2024-01-15T10:00:00.000Z' },
    }));
    const result = await handler.run(context(buildOrder({ channel: 'joom', status: 'ready' }), {}, false));
    expect(reject.mock.calls[0][1].firstAttempt).toBe(false);
    expect(effects[0].order.status).toBe('rejected');
    expect(effects[0].order.channelStatus).toBe('REJECTED');
    expect(result).toEqual({ status: 'rejected', alreadyDone: true });
  });

  it.each([
    ['shipped', buildOrder({ status: 'shipped' }), 'illegal_transition'],
    ['already rejected, on a first start', buildOrder({ channel: 'akinon', status: 'rejected', lines: [buildLine({ status: 'rejected' })] }), 'illegal_transition'],
    ['ready but with every line shipped', buildOrder({ channel: 'akinon', status: 'ready', lines: [buildLine({ status: 'shipped' })] }), 'no_rejectable_lines'],
  ])('refuses before any call when the order is %s', async (_name, order, code) => {
    const { handler, effects, reject } = step('akinon', done);
    const error = await handler.run(context(order, {})).catch((e: unknown) => e);
    expect(error).toEqual(expect.objectContaining({ code }));
    expect(classifyFailure(error)).toBe('not_applicable');
    expect(reject).not.toHaveBeenCalled();
    expect(effects).toEqual([]);
  });

  it('saves nothing when the channel refuses', async () => {
    const { handler, effects } = step('akinon', async () => {
      throw new RemoteRefusedError('akinon', 'item is not in a rejectable state', 400, 'invalid_state');
    });
    const error = await handler.run(context(twoLines(), { lineIds: ['line-1'] })).catch((e: unknown) => e);
    expect(classifyFailure(error)).toBe('refused');
    expect(effects).toEqual([]);
  });
});
