import { Job, Queue } from 'bullmq';
import { StepJobData } from '@app/queues';
import { buildFulfillment, buildOrder, buildShipment } from '@app/orders/testing';
import { OrderRepository } from '@app/store';
import { QueueMetricsRecorder } from '../metrics/queue-metrics.recorder';
import { OrderEffects } from './order-effects';
import { StepHandler } from './step-handler';
import { StepHandlerRegistry } from './step-handlers.registry';
import { JoomStepProcessor } from './system.processors';
import { SystemQueues } from './system-queues';

/** A Joom order Flexport shipped, whose tracking has not reached Joom yet. */
const shippedNotPushed = buildOrder({
  channel: 'joom',
  status: 'shipped',
  fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1', shipments: [buildShipment()], trackingPushedAt: null }),
});

function processor(options: { alreadyApplied: boolean }) {
  const added: { name: string; opts: { jobId?: string } }[] = [];
  const run = jest.fn(async () => ({ status: 'shipped', pushTracking: true }));
  const handler: StepHandler = { step: 'flexport-refresh', run, resumeResult: () => ({ pushTracking: true }) };
  const queue = { name: 'commands-joom', add: async (name: string, _data: unknown, opts: { jobId?: string }) => void added.push({ name, opts }) } as unknown as Queue;
  const step = new JoomStepProcessor(
    { get: () => handler } as unknown as StepHandlerRegistry,
    { get: async () => shippedNotPushed } as unknown as OrderRepository,
    { alreadyApplied: async () => options.alreadyApplied } as unknown as OrderEffects,
    { of: () => queue } as unknown as SystemQueues,
    {} as QueueMetricsRecorder,
  );
  return { step, run, added };
}

const job = {
  id: 'refresh-1',
  name: 'flexport-refresh',
  attemptsStarted: 2,
  data: { intakeJobId: 'c1', orderId: shippedNotPushed.id, payload: {}, requestedBy: 'gateway', plan: [{ system: 'flexport', step: 'flexport-refresh' }], index: 0 } as StepJobData,
} as unknown as Job<StepJobData>;

describe('StepProcessor', () => {
  it('queues the follow-up a step reports when it re-runs after having saved its effect', async () => {
    const { step, run, added } = processor({ alreadyApplied: true });
    expect(await step.process(job)).toEqual({ alreadyApplied: true, pushTracking: true });
    expect(run).not.toHaveBeenCalled();
    expect(added).toEqual([{ name: 'push-tracking', opts: expect.objectContaining({ jobId: `push-${shippedNotPushed.id}` }) }]);
  });

  it('runs the handler otherwise, telling it whether this is its first start', async () => {
    const { step, run } = processor({ alreadyApplied: false });
    await step.process(job);
    expect(run).toHaveBeenCalledWith(expect.objectContaining({ jobId: 'refresh-1', firstAttempt: false }));
  });
});
