import { UnrecoverableError } from 'bullmq';
import { RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { buildOrder } from '@app/orders/testing';
import { IllegalTransitionError } from '@app/orders';
import { PlannedStep, StepJobData } from '@app/queues';
import { QueueMetricsRecorder } from '../metrics/queue-metrics.recorder';
import { DIRECT_SLOT_WAIT_MS, DirectStep, MAX_DIRECT_STEPS } from './direct-step';
import { OrderEffects } from './order-effects';
import { StepFollowUps } from './step-follow-ups';
import { StepContext, StepHandler } from './step-handler';
import { StepHandlerRegistry } from './step-handlers.registry';
import { StepQueueAdmission } from './step-queue-admission';
import { SYSTEM_CONCURRENCY, SystemSlots } from './system-slots';

const order = buildOrder({ channel: 'joom', status: 'ready' });
const planned: PlannedStep = { system: 'joom', step: 'fulfill-tracking' };
const data: StepJobData = { intakeJobId: '41', command: 'fulfill', orderId: order.id, payload: {}, requestedBy: 'crm', plan: [planned], index: 0 };
const context: StepContext = { jobId: '41-1', data, order, firstAttempt: true };

function direct(options: { admit?: boolean; run?: StepHandler['run'] } = {}) {
  const slots = new SystemSlots();
  const slotsDuringRun: number[] = [];
  const run = jest.fn(
    options.run ??
      (async () => {
        slotsDuringRun.push(slots.taken('joom'));
        return { status: 'shipped' };
      }),
  );
  const admission = { admit: jest.fn(async () => options.admit ?? true), throttle: jest.fn(async () => undefined) };
  const effects = { flag: jest.fn(async () => undefined) };
  const followUps = { queue: jest.fn(async () => ({})) };
  const metrics = { ranDirect: jest.fn(), rateLimited: jest.fn() };
  const step = new DirectStep(
    { get: () => ({ step: 'fulfill-tracking', run }) } as unknown as StepHandlerRegistry,
    slots,
    admission as unknown as StepQueueAdmission,
    effects as unknown as OrderEffects,
    followUps as unknown as StepFollowUps,
    metrics as unknown as QueueMetricsRecorder,
  );
  return { step, run, slots, slotsDuringRun, admission, effects, followUps, metrics };
}

describe('DirectStep', () => {
  it('runs the handler as the step, holding a slot of its system, then queues its follow-ups and counts it', async () => {
    const { step, run, slots, slotsDuringRun, followUps, metrics } = direct();
    expect(await step.run(planned, context)).toEqual({ ran: true, result: { status: 'shipped' } });
    expect(run).toHaveBeenCalledWith(context);
    expect(slotsDuringRun).toEqual([1]);
    expect(slots.taken('joom')).toBe(0);
    expect(followUps.queue).toHaveBeenCalledWith(data, { status: 'shipped' });
    expect(metrics.ranDirect).toHaveBeenCalledWith('commands-joom');
  });

  it(`waits up to ${DIRECT_SLOT_WAIT_MS} ms for a slot of its system, then declines before any call`, async () => {
    const { step, run, slots, admission } = direct();
    for (let i = 0; i < SYSTEM_CONCURRENCY; i++) slots.tryTake('joom');
    const started = Date.now();
    expect(await step.run(planned, context)).toEqual({ ran: false, started: false, reason: 'no free joom slot' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(DIRECT_SLOT_WAIT_MS - 5);
    expect(admission.admit).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it('runs once a slot frees within the wait', async () => {
    const { step, run, slots } = direct();
    for (let i = 0; i < SYSTEM_CONCURRENCY; i++) slots.tryTake('joom');
    const outcome = step.run(planned, context);
    setTimeout(() => slots.release('joom'), 10);
    expect(await outcome).toMatchObject({ ran: true });
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('declines when the queue does not admit it (rate limit reached, paused), and gives the slot back', async () => {
    const { step, run, slots } = direct({ admit: false });
    expect(await step.run(planned, context)).toEqual({ ran: false, started: false, reason: 'rate limit reached or queue paused' });
    expect(run).not.toHaveBeenCalled();
    expect(slots.taken('joom')).toBe(0);
  });

  it('declines, as not started, when the rate limit cannot be read (Redis away): its job need not read before writing', async () => {
    const { step, run, slots, admission } = direct();
    admission.admit.mockRejectedValueOnce(new Error('Connection is closed.'));
    expect(await step.run(planned, context)).toEqual({ ran: false, started: false, reason: 'rate limit not readable: Connection is closed.' });
    expect(run).not.toHaveBeenCalled();
    expect(slots.taken('joom')).toBe(0);
  });

  it(`runs at most ${MAX_DIRECT_STEPS} at once over all systems`, async () => {
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const { step } = direct({ run: async () => held.then(() => ({})) });
    const systems: PlannedStep['system'][] = ['joom', 'akinon', 'flexport'];
    const running = Array.from({ length: MAX_DIRECT_STEPS }, (_, i) => step.run({ ...planned, system: systems[i % 3] }, context));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await step.run({ ...planned, system: 'flexport' }, context)).toMatchObject({ ran: false, started: false });
    finish();
    expect((await Promise.all(running)).every((outcome) => outcome.ran)).toBe(true);
  });

  it('hands a step that failed in a way a retry may fix to its queue, marked as started', async () => {
    const { step, slots, effects } = direct({ run: async () => Promise.reject(new RemoteTransientError('joom', 'joom: HTTP 503', 503, null)) });
    expect(await step.run(planned, context)).toEqual({ ran: false, started: true, reason: 'joom: HTTP 503' });
    expect(effects.flag).not.toHaveBeenCalled();
    expect(slots.taken('joom')).toBe(0);
  });

  it('on a 429 with a wait, throttles the whole queue for that wait before handing the step over', async () => {
    const { step, admission, metrics } = direct({ run: async () => Promise.reject(new RemoteTransientError('joom', 'joom: HTTP 429', 429, 4_000)) });
    expect(await step.run(planned, context)).toMatchObject({ ran: false, started: true, reason: expect.stringMatching(/^rate_limited/) });
    expect(admission.throttle).toHaveBeenCalledWith('joom', expect.any(Number));
    const waited = (admission.throttle.mock.calls[0] as unknown[])[1] as number;
    // The wait asked for plus at most a tenth of jitter (docs/api-decisions.md JO-8).
    expect(waited).toBeGreaterThanOrEqual(4_000);
    expect(waited).toBeLessThanOrEqual(4_400);
    expect(metrics.rateLimited).toHaveBeenCalledWith('commands-joom');
  });

  it('never throttles the queue longer than the cap (60 s), whatever Retry-After asked', async () => {
    const { step, admission } = direct({ run: async () => Promise.reject(new RemoteTransientError('joom', 'joom: HTTP 429', 429, 86_400_000)) });
    await step.run(planned, context);
    const waited = (admission.throttle.mock.calls[0] as unknown[])[1] as number;
    expect(waited).toBeGreaterThanOrEqual(59_000);
    expect(waited).toBeLessThanOrEqual(60_000);
  });

  it('fails the command for good when the remote refused, flagging the order with the reason', async () => {
    const { step, effects } = direct({ run: async () => Promise.reject(new RemoteRefusedError('joom', 'joom: invalid tracking number', 400, 'BAD_TRACKING')) });
    const failure = await step.run(planned, context).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect((failure as Error).message).toBe('joom: invalid tracking number');
    expect(effects.flag).toHaveBeenCalledWith(context, 'command_failed', 'joom: invalid tracking number', { step: 'fulfill-tracking', jobId: '41-1' });
  });

  it('fails the command for good, without a flag, when the order can no longer take it', async () => {
    const { step, effects } = direct({ run: async () => Promise.reject(new IllegalTransitionError('shipped', 'shipped')) });
    await expect(step.run(planned, context)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(effects.flag).not.toHaveBeenCalled();
  });
});
