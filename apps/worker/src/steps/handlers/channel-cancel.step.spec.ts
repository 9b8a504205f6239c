import { CancelCommand, CommandOutcome, RemoteRefusedError } from '@app/adapters';
import { CanonicalOrder, ChannelProfile } from '@app/orders';
import { buildInboundSnapshot, buildLine, buildOrder } from '@app/orders/testing';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { classifyFailure } from '../failure-policy';
import { StepContext } from '../step-handler';
import { ChannelCancelStep } from './channel-cancel.step';
import { recordingEffects, commandContext } from './testing/step-harness';

const NOW = '2026-01-02T00:00:00.000Z';

function step(profile: ChannelProfile, cancelAtChannel: (order: CanonicalOrder, command: CancelCommand) => Promise<CommandOutcome>) {
  const { effects, orderEffects } = recordingEffects(NOW);
  const cancel = jest.fn(cancelAtChannel);
  const adapters = { salesChannel: () => ({ profile, cancel }) } as unknown as AdapterRegistry;
  return { handler: new ChannelCancelStep(adapters, orderEffects), effects, cancel };
}

const context = (order: CanonicalOrder, { firstAttempt = true, note = 'supplier delay' as string | null } = {}): StepContext =>
  commandContext(order, {
    command: 'cancel',
    plan: [{ system: order.channel === 'akinon' ? 'akinon' : 'joom', step: 'channel-cancel' }],
    payload: { reason: 'out_of_stock', ...(note ? { note } : {}) },
    firstAttempt,
  });

const done = async (): Promise<CommandOutcome> => ({ requestId: 'req-4', alreadyDone: false });

describe('ChannelCancelStep', () => {
  it('cancels at the channel and records the cancellation: the order is cancelled, the note kept with who asked', async () => {
    const { handler, effects, cancel } = step('joom_v3', done);
    const order = buildOrder({ channel: 'joom', status: 'ready' });
    const result = await handler.run(context(order));

    expect(cancel.mock.calls).toEqual([[order, { reason: 'out_of_stock', note: 'supplier delay', firstAttempt: true }]]);
    expect(effects).toHaveLength(1);
    const { order: saved, transitions, note, requestId } = effects[0];
    expect(saved.status).toBe('cancelled');
    expect(saved.lines.map((line) => line.status)).toEqual(['cancelled']);
    expect(saved.cancellation).toEqual({ reason: 'out_of_stock', requestedBy: 'merchant', note: 'supplier delay (ops)', at: NOW });
    expect(transitions).toEqual([{ from: 'ready', to: 'cancelled' }]);
    expect(note).toBe('supplier delay');
    expect(requestId).toBe('req-4');
    expect(result).toEqual({ status: 'cancelled', alreadyDone: false });
  });

  it('takes the order as the channel read it back after the cancel (Akinon rejects every item: the order ends rejected)', async () => {
    const readBack = buildInboundSnapshot({ status: 'rejected', channelStatus: 'rejected', channelUpdatedAt: '2026-01-01T23:00:00.000Z' });
    const { handler, effects } = step('akinon', async () => ({
      requestId: 'req-5',
      alreadyDone: false,
      order: { externalId: 'ext-1', snapshot: readBack, placedAt: '2024-01-15T10:00:00.000Z' },
      details: { rejectedLineIds: ['line-1'] },
    }));
    const result = await handler.run(context(buildOrder({ channel: 'akinon', status: 'ready' }), { note: null }));

    const { order: saved, transitions } = effects[0];
    expect(saved.status).toBe('rejected');
    expect(saved.channelStatus).toBe('rejected');
    expect(transitions).toEqual([{ from: 'ready', to: 'rejected' }]);
    // No note: the cancellation still says who asked.
    expect(saved.cancellation).toEqual({ reason: 'out_of_stock', requestedBy: 'merchant', note: 'ops', at: NOW });
    expect(result).toEqual({ status: 'rejected', alreadyDone: false, details: { rejectedLineIds: ['line-1'] } });
  });

  it('lets a retry through when a sync already closed the order: the adapter reads first, the order does not move again', async () => {
    const { handler, effects, cancel } = step('akinon', async () => ({ requestId: null, alreadyDone: true }));
    const rejected = buildOrder({ channel: 'akinon', status: 'rejected', lines: [buildLine({ status: 'rejected' })] });
    const result = await handler.run(context(rejected, { firstAttempt: false }));

    expect(cancel.mock.calls[0][1].firstAttempt).toBe(false);
    expect(effects[0].order.status).toBe('rejected');
    expect(effects[0].transitions).toEqual([]);
    expect(effects[0].order.cancellation).toEqual(expect.objectContaining({ reason: 'out_of_stock' }));
    expect(result).toEqual({ status: 'rejected', alreadyDone: true });
  });

  it.each([
    ['shipped', true, buildOrder({ status: 'shipped' })],
    ['already cancelled, on a first start (someone else did it)', true, buildOrder({ status: 'cancelled', lines: [buildLine({ status: 'cancelled' })] })],
    ['returning, even on a retry', false, buildOrder({ status: 'returning' })],
  ])('refuses before any call when the order is %s', async (_name, firstAttempt, order) => {
    const { handler, effects, cancel } = step('joom_v3', done);
    const error = await handler.run(context(order, { firstAttempt })).catch((e: unknown) => e);
    expect(error).toEqual(expect.objectContaining({ code: 'illegal_transition' }));
    expect(classifyFailure(error)).toBe('not_applicable');
    expect(cancel).not.toHaveBeenCalled();
    expect(effects).toEqual([]);
  });

  it('saves nothing when the channel refuses', async () => {
    const { handler, effects } = step('joom_v2', async () => {
      throw new RemoteRefusedError('joom', 'Order cannot be refunded', 400, '2003');
    });
    const error = await handler.run(context(buildOrder({ status: 'ready' }))).catch((e: unknown) => e);
    expect(classifyFailure(error)).toBe('refused');
    expect(effects).toEqual([]);
  });
});
