import { Job, Queue } from 'bullmq';
import { StepJobData } from '@app/queues';
import { buildFulfillment, buildOrder, buildShipment } from '@app/orders/testing';
import { OrderRepository } from '@app/store';
import { QueueMetricsRecorder } from '../metrics/queue-metrics.recorder';
import { OrderEffects } from './order-effects';
import { StepFollowUps } from './step-follow-ups';
import { StepHandler } from './step-handler';
import { StepHandlerRegistry } from './step-handlers.registry';
import { JoomStepProcessor } from './system.processors';
import { SystemQueues } from './system-queues';
import { SystemSlots } from './system-slots';

/** A Joom order Flexport shipped, whose tracking has not reached Joom yet. */
const shippedNotPushed = buildOrder({
  channel: 'joom',
  status: 'shipped',
  fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1', shipments: [buildShipment()], trackingPushedAt: null }),
});

function processor(options: { alreadyApplied: boolean }) {
  const added: { name: string; opts: { jobId?: string } }[] = [];
  const slots = new SystemSlots();
  const slotsDuringRun: number[] = [];
  const run = jest.fn(async () => {
    slotsDuringRun.push(slots.taken('joom'));
    return { status: 'shipped', pushTracking: true };
  });
  const alreadyApplied = jest.fn(async () => options.alreadyApplied);
  const handler: StepHandler = { step: 'flexport-refresh', run, resumeResult: () => ({ pushTracking: true }) };
  const queue = { name: 'commands-joom', add: async (name: string, _data: unknown, opts: { jobId?: string }) => void added.push({ name, opts }) } as unknown as Queue;
  const step = new JoomStepProcessor(
    { get: () => handler } as unknown as StepHandlerRegistry,
    { get: async () => shippedNotPushed } as unknown as OrderRepository,
    { alreadyApplied } as unknown as OrderEffects,
    new StepFollowUps({ of: () => queue } as unknown as SystemQueues),
    slots,
    {} as QueueMetricsRecorder,
  );
  return { step, run, added, alreadyApplied, slots, slotsDuringRun };
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

  it('trusts a first start to have done nothing yet: no history lookup, no read-before-write', async () => {
    const { step, run, alreadyApplied } = processor({ alreadyApplied: true });
    await step.process({ ...job, attemptsStarted: 1 } as Job<StepJobData>);
    expect(alreadyApplied).not.toHaveBeenCalled();
    expect(run).toHaveBeenCalledWith(expect.objectContaining({ firstAttempt: true }));
  });

  it('treats the first start of a step its intake job ran before (resumed) as a re-run', async () => {
    const resumed = { ...job, attemptsStarted: 1, data: { ...job.data, resumed: true } } as Job<StepJobData>;
    const applied = processor({ alreadyApplied: true });
    expect(await applied.step.process(resumed)).toEqual({ alreadyApplied: true, pushTracking: true });
    expect(applied.run).not.toHaveBeenCalled();
    const notApplied = processor({ alreadyApplied: false });
    await notApplied.step.process(resumed);
    expect(notApplied.run).toHaveBeenCalledWith(expect.objectContaining({ firstAttempt: false }));
  });

  it('holds one of its system\'s slots while the handler runs, and frees it after', async () => {
    const { step, slots, slotsDuringRun } = processor({ alreadyApplied: false });
    await step.process(job);
    expect(slotsDuringRun).toEqual([1]);
    expect(slots.taken('joom')).toBe(0);
  });
});
