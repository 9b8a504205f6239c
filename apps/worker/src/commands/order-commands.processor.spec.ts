import { Job } from 'bullmq';
import { GatewayConfig } from '@app/config';
import { CanonicalOrder } from '@app/orders';
import { buildFulfillment, buildOrder } from '@app/orders/testing';
import { RemoteSystemName, StepJobData } from '@app/queues';
import { OrderRepository } from '@app/store';
import { QueueMetricsRecorder } from '../metrics/queue-metrics.recorder';
import { DirectOutcome, DirectStep } from '../steps/direct-step';
import { OrderEffects } from '../steps/order-effects';
import { SystemQueues } from '../steps/system-queues';
import { OrderCommandsProcessor } from './order-commands.processor';

const ready = buildOrder({ id: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d', channel: 'joom', status: 'ready' });
const fulfil = { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000001', orderId: ready.id, requestedBy: 'crm' };
const config = { channels: { joom: { apiVersion: 'v3', account: 'main' } } } as unknown as GatewayConfig;

function intake(options: { order?: CanonicalOrder; direct?: DirectOutcome; applied?: boolean } = {}) {
  const added: { queue: string; name: string; data: StepJobData; jobId?: string }[] = [];
  const queues = {
    of: (system: RemoteSystemName) => ({
      name: `commands-${system}`,
      add: async (name: string, data: StepJobData, opts: { jobId?: string }) => void added.push({ queue: `commands-${system}`, name, data, jobId: opts.jobId }),
      getJob: async () => undefined,
    }),
  };
  const direct = { run: jest.fn(async () => options.direct ?? { ran: true, result: { status: 'shipped' } }) };
  const effects = { alreadyApplied: jest.fn(async () => options.applied ?? false) };
  const processor = new OrderCommandsProcessor(
    { get: async () => options.order ?? ready } as unknown as OrderRepository,
    queues as unknown as SystemQueues,
    direct as unknown as DirectStep,
    effects as unknown as OrderEffects,
    config,
    {} as QueueMetricsRecorder,
  );
  return { processor, added, direct, effects };
}

const job = (data: Record<string, unknown>, attemptsStarted = 1, name = 'fulfill') => ({ id: '41', name, data, attemptsStarted }) as unknown as Job;

describe('OrderCommandsProcessor: where a command of one step runs', () => {
  it('runs it inside the intake job on a first start without a key, as the step (its job id, a first attempt), queueing nothing', async () => {
    const { processor, added, direct } = intake();
    expect(await processor.process(job(fulfil))).toEqual({
      plan: ['joom:fulfill-tracking'],
      status: 'shipped',
      direct: { queue: 'commands-joom', jobId: '41-1', step: 'fulfill-tracking' },
    });
    expect(direct.run).toHaveBeenCalledWith({ system: 'joom', step: 'fulfill-tracking' }, expect.objectContaining({ jobId: '41-1', order: ready, firstAttempt: true }));
    expect(added).toEqual([]);
  });

  it('queues it as a plain first attempt when the direct step declined before any call, saying why', async () => {
    const { processor, added } = intake({ direct: { ran: false, started: false, reason: 'no free joom slot' } });
    expect(await processor.process(job(fulfil))).toMatchObject({ next: { queue: 'commands-joom', jobId: '41-1' }, queuedBecause: 'no free joom slot' });
    expect(added).toHaveLength(1);
    expect(added[0].data.resumed).toBeUndefined();
  });

  it('queues it marked resumed when the direct step started and failed in a way a retry may fix', async () => {
    const { processor, added } = intake({ direct: { ran: false, started: true, reason: 'joom: HTTP 503' } });
    await processor.process(job(fulfil));
    expect(added).toEqual([expect.objectContaining({ name: 'fulfill-tracking', jobId: '41-1', data: expect.objectContaining({ resumed: true }) })]);
  });

  it('never runs the step of a command with a key inside the intake job: the key names its step job', async () => {
    const { processor, added, direct } = intake();
    await processor.process(job({ ...fulfil, idempotencyKey: 'crm-1' }));
    expect(direct.run).not.toHaveBeenCalled();
    expect(added).toHaveLength(1);
  });

  it('on a re-run, hands the step to its queue marked resumed, without running it here', async () => {
    const { processor, added, direct } = intake();
    await processor.process(job(fulfil, 2));
    expect(direct.run).not.toHaveBeenCalled();
    expect(added[0].data.resumed).toBe(true);
  });

  it('on a re-run whose direct step had saved its effect, does not refuse the order it moved on: its step job finds the effect', async () => {
    const shipped = buildOrder({ id: 'ord_5f1c0a9e3b7d4c2a8e6f0b2e', channel: 'joom', status: 'shipped' });
    const { processor, added, effects } = intake({ order: shipped, applied: true });
    await processor.process(job({ ...fulfil, orderId: shipped.id }, 2));
    expect(effects.alreadyApplied).toHaveBeenCalledWith(shipped.id, '41-1');
    expect(added[0].data.resumed).toBe(true);
  });

  it('refuses that order on a first start (the arrival is not its doing), and on a re-run of a plan of two steps, which never runs direct', async () => {
    const shipped = buildOrder({ id: 'ord_5f1c0a9e3b7d4c2a8e6f0b2e', channel: 'joom', status: 'shipped' });
    await expect(intake({ order: shipped, applied: true }).processor.process(job({ ...fulfil, orderId: shipped.id }, 1))).rejects.toThrow(/^illegal_transition/);

    // Cancelled on Joom meanwhile, but still live at Flexport: a cancel plans Flexport first, then the channel.
    const cancelled = buildOrder({ id: 'ord_5f1c0a9e3b7d4c2a8e6f0b3f', channel: 'joom', status: 'cancelled', fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1', providerStatus: 'PROCESSING' }) });
    const cancel = intake({ order: cancelled });
    await expect(cancel.processor.process(job({ reason: 'customer_request', orderId: cancelled.id }, 2, 'cancel'))).rejects.toThrow(/^illegal_transition/);
    expect(cancel.added).toEqual([]);
  });
});
