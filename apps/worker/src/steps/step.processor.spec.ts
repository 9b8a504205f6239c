import { Job, RateLimitError, UnrecoverableError } from 'bullmq';
import { noteRemoteRequestId, RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { GatewayConfig } from '@app/config';
import { buildFulfillment, buildOrder, buildShipment } from '@app/orders/testing';
import { CommandRouter, StepJobData } from '@app/queues';
import { CommandLeases, OrderRepository } from '@app/store';
import { RemoteAuthWatch } from '../adapters/remote-auth-watch';
import { CircuitBreaker } from '../circuit/circuit-breaker';
import { MemoryCircuitStore } from '../circuit/testing/memory-circuit.store';
import { QueueMetricsRecorder } from '../metrics/queue-metrics.recorder';
import { OrderEffects } from './order-effects';
import { QueuedCommands } from './queued-commands';
import { StepFollowUps } from './step-follow-ups';
import { StepContext, StepHandler } from './step-handler';
import { StepHandlerRegistry } from './step-handlers.registry';
import { FlexportStepProcessor, JoomStepProcessor } from './system.processors';

/** A Joom order Flexport shipped, whose tracking has not reached Joom yet. */
const shippedNotPushed = buildOrder({
  id: 'ord_5f1c0a9e3b7d4c2a8e6f0b1d',
  channel: 'joom',
  status: 'shipped',
  fulfillment: buildFulfillment({ provider: 'flexport', providerOrderId: 'fx-1', shipments: [buildShipment()], trackingPushedAt: null }),
});
const config = {
  channels: { joom: { apiVersion: 'v3', account: 'main' } },
  stepConcurrency: { joom: 8, akinon: 8, flexport: 8 },
  circuit: { failureThreshold: 2, openMs: 30_000, maxOpenMs: 60_000 },
} as unknown as GatewayConfig;

function processor(options: { alreadyApplied?: boolean; fails?: Error; system?: 'joom' | 'flexport'; circuits?: MemoryCircuitStore; answeredWith?: (string | null)[] } = {}) {
  const added: { queue: string; name: string; opts: { jobId?: string } }[] = [];
  const run = jest.fn(async () => {
    // What the HTTP layer records for each call the handler makes (createHttpClient's requestIdHeader).
    for (const requestId of options.answeredWith ?? []) {
      await new Promise((resolve) => setImmediate(resolve));
      noteRemoteRequestId(requestId);
    }
    if (options.fails) throw options.fails;
    return { status: 'shipped', pushTracking: true };
  });
  const alreadyApplied = jest.fn(async () => options.alreadyApplied ?? false);
  const handler: StepHandler = { step: 'flexport-refresh', run, resumeResult: () => ({ pushTracking: true }) };
  const queueOf = (system: string) => ({
    name: `commands-${system}`,
    add: async (name: string, _data: unknown, opts: { jobId?: string }) => void added.push({ queue: `commands-${system}`, name, opts }),
  });
  const router = { queueOf } as unknown as CommandRouter;
  const leases = { swap: jest.fn(async () => true), release: jest.fn(async () => undefined) };
  const Processor = options.system === 'flexport' ? FlexportStepProcessor : JoomStepProcessor;
  const step = new Processor(
    { get: () => handler } as unknown as StepHandlerRegistry,
    { get: async () => shippedNotPushed } as unknown as OrderRepository,
    { alreadyApplied, flag: jest.fn(async () => undefined) } as unknown as OrderEffects,
    new StepFollowUps(router, leases as unknown as CommandLeases, { get: async () => shippedNotPushed } as unknown as OrderRepository),
    new QueuedCommands(router, config),
    { rateLimited: jest.fn() } as unknown as QueueMetricsRecorder,
    config,
    { succeeded: jest.fn(async () => undefined), failed: jest.fn(async () => undefined) } as unknown as RemoteAuthWatch,
    new CircuitBreaker((options.circuits ?? new MemoryCircuitStore()).asStore(), config),
  );
  const rateLimit = jest.fn(async (_ms: number) => undefined);
  const lines = { info: jest.fn(), warn: jest.fn() };
  Object.assign(step, { _worker: { rateLimit }, builtLines: { info: lines.info }, logger: { log: lines.info, warn: lines.warn } });
  const flag = (step as unknown as { effects: { flag: jest.Mock } }).effects.flag;
  return { step, run, added, alreadyApplied, leases, rateLimit, flag, lines };
}

const refresh = {
  id: 'refresh-1',
  name: 'flexport-refresh',
  queueName: 'commands-flexport',
  attemptsStarted: 2,
  attemptsMade: 1,
  opts: { attempts: 8 },
  data: { chainId: 'refresh-1', orderId: shippedNotPushed.id, payload: {}, requestedBy: 'flexport', plan: [], index: 0, cause: 'sync' } as StepJobData,
} as unknown as Job;

/** The first step of a cancel planned Flexport first, then Joom. */
const flexportCancel = {
  id: 'cmd-7-1',
  name: 'flexport-cancel',
  queueName: 'commands-flexport',
  attemptsStarted: 1,
  attemptsMade: 0,
  opts: { attempts: 8 },
  data: {
    chainId: 'cmd-7',
    command: 'cancel',
    orderId: shippedNotPushed.id,
    payload: { reason: 'customer_request' },
    requestedBy: 'crm',
    plan: [
      { system: 'flexport', step: 'flexport-cancel' },
      { system: 'joom', step: 'channel-cancel' },
    ],
    index: 0,
  } as StepJobData,
} as unknown as Job;

describe('StepProcessor', () => {
  it('queues the follow-up a step reports when it re-runs after having saved its effect', async () => {
    const { step, run, added } = processor({ alreadyApplied: true, system: 'flexport' });
    expect(await step.process(refresh)).toEqual({ alreadyApplied: true, pushTracking: true });
    expect(run).not.toHaveBeenCalled();
    expect(added).toEqual([{ queue: 'commands-joom', name: 'push-tracking', opts: expect.objectContaining({ jobId: `push-${shippedNotPushed.id}`, attempts: 8 }) }]);
  });

  it('runs the handler otherwise, telling it whether this is its first start', async () => {
    const { step, run } = processor({ system: 'flexport' });
    await step.process(refresh);
    expect(run).toHaveBeenCalledWith(expect.objectContaining({ jobId: 'refresh-1', firstAttempt: false }));
  });

  it('trusts a first start to have done nothing yet: no history lookup, no read-before-write', async () => {
    const { step, run, alreadyApplied } = processor({ alreadyApplied: true, system: 'flexport' });
    await step.process({ ...refresh, attemptsStarted: 1 } as Job);
    expect(alreadyApplied).not.toHaveBeenCalled();
    expect(run).toHaveBeenCalledWith(expect.objectContaining({ firstAttempt: true }));
  });

  it('queues the command’s next step under <chain>-2 and hands it the order’s lease', async () => {
    const { step, added, leases } = processor({ system: 'flexport' });
    expect(await step.process(flexportCancel)).toMatchObject({ next: { queue: 'commands-joom', jobId: 'cmd-7-2' } });
    expect(added).toContainEqual({ queue: 'commands-joom', name: 'channel-cancel', opts: expect.objectContaining({ jobId: 'cmd-7-2' }) });
    expect(leases.swap).toHaveBeenCalledWith(shippedNotPushed.id, 'commands-flexport/cmd-7-1', 'commands-joom/cmd-7-2');
    expect(leases.release).not.toHaveBeenCalled();
  });

  it('releases the lease after the last step, and when a command fails for good', async () => {
    const last = { ...flexportCancel, id: 'cmd-7-2', name: 'channel-cancel', queueName: 'commands-joom', data: { ...flexportCancel.data, index: 1 } } as Job;
    const done = processor();
    await done.step.process(last);
    expect(done.leases.release).toHaveBeenCalledWith(shippedNotPushed.id, 'commands-joom/cmd-7-2');

    const refused = processor({ system: 'flexport', fails: new RemoteRefusedError('flexport', 'already shipped', 422, null) });
    await expect(refused.step.process(flexportCancel)).rejects.toBeInstanceOf(UnrecoverableError);
    expect(refused.leases.release).toHaveBeenCalledWith(shippedNotPushed.id, 'commands-flexport/cmd-7-1');
  });

  it('hands the last step the lease to end with its save, and releases nothing more once the save did', async () => {
    const last = { ...flexportCancel, id: 'cmd-7-2', name: 'channel-cancel', queueName: 'commands-joom', data: { ...flexportCancel.data, index: 1 } } as Job;
    const done = processor();
    // What OrderEffects.save does with the lease it is handed: ends it in the save's own script call.
    done.run.mockImplementation((async (context: StepContext) => {
      context.lease!.released = true;
      return { status: 'cancelled' };
    }) as never);
    await done.step.process(last);
    expect(done.run).toHaveBeenCalledWith(expect.objectContaining({ lease: { holder: 'commands-joom/cmd-7-2', released: true } }));
    expect(done.leases.release).not.toHaveBeenCalled();

    // A step with a next one hands the lease on instead: its save must not end it.
    const first = processor({ system: 'flexport' });
    await first.step.process(flexportCancel);
    expect(first.run).toHaveBeenCalledWith(expect.not.objectContaining({ lease: expect.anything() }));
  });

  it('keeps the lease through a failure a retry may fix', async () => {
    const { step, leases } = processor({ system: 'flexport', fails: new Error('socket hang up') });
    await expect(step.process(flexportCancel)).rejects.toThrow('internal_error: socket hang up');
    expect(leases.release).not.toHaveBeenCalled();
  });

  it('refuses a step job that does not validate, before any handler runs (a 305-character tracking number, as REST would)', async () => {
    const { step, run } = processor();
    const forged = {
      ...flexportCancel,
      id: 'forged-1',
      name: 'fulfill-tracking',
      queueName: 'commands-joom',
      data: { ...flexportCancel.data, command: 'fulfill', payload: { mode: 'tracking', carrier: 'DHL', trackingNumber: 'A'.repeat(305) }, plan: [{ system: 'joom', step: 'fulfill-tracking' }] },
    } as Job;
    const error = await step.process(forged).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect((error as Error).message).toMatch(/^invalid_command_job: .*trackingNumber must be 3–64 letters/);
    expect(run).not.toHaveBeenCalled();
  });

  it('puts every step of a system back to waiting while its circuit is open, using no attempt and flagging nothing', async () => {
    const circuits = new MemoryCircuitStore();
    const down = new RemoteTransientError('flexport', 'flexport answered 503: unavailable', 503, null);
    const first = processor({ system: 'flexport', fails: down, circuits });
    // Below the threshold: an ordinary retry (an attempt used).
    await expect(first.step.process(flexportCancel)).rejects.toThrow('remote_unavailable: flexport answered 503');
    // The failure that opens it: the queue pauses for every worker, the job waits again.
    await expect(first.step.process(flexportCancel)).rejects.toBeInstanceOf(RateLimitError);
    expect(first.rateLimit).toHaveBeenCalledWith(expect.any(Number));
    expect(first.rateLimit.mock.calls[0][0]).toBeGreaterThan(25_000);
    expect(first.flag).not.toHaveBeenCalled();
    expect(first.leases.release).not.toHaveBeenCalled();

    // A step starting while it is open does not reach the system at all.
    const later = processor({ system: 'flexport', circuits });
    await expect(later.step.process(flexportCancel)).rejects.toBeInstanceOf(RateLimitError);
    expect(later.run).not.toHaveBeenCalled();
    expect(later.rateLimit).toHaveBeenCalledTimes(1);
    // The last attempt of a step is not spent on an outage either: no dead letter, no command_failed.
    const lastAttempt = { ...flexportCancel, attemptsStarted: 8, attemptsMade: 7 } as Job;
    await expect(first.step.process(lastAttempt)).rejects.toBeInstanceOf(RateLimitError);
    expect(first.flag).not.toHaveBeenCalled();
    // Joom's queue keeps running.
    expect(
      await processor({ system: 'joom', circuits }).step.process({
        ...flexportCancel,
        id: 'cmd-7-2',
        name: 'channel-cancel',
        queueName: 'commands-joom',
        data: { ...flexportCancel.data, index: 1 },
      } as Job),
    ).toEqual(expect.objectContaining({ status: 'shipped' }));
  });

  it("logs the request id the system answered the step's last call with, each step its own", async () => {
    const first = processor({ system: 'flexport', answeredWith: ['corr-find', 'corr-create'] });
    const second = processor({ system: 'flexport', answeredWith: ['corr-other'] });
    await Promise.all([first.step.process(flexportCancel), second.step.process({ ...flexportCancel, id: 'cmd-8-1' } as Job)]);
    expect(first.lines.info).toHaveBeenCalledWith(expect.objectContaining({ msg: 'step completed', jobId: 'cmd-7-1', remoteRequestId: 'corr-create' }));
    expect(second.lines.info).toHaveBeenCalledWith(expect.objectContaining({ msg: 'step completed', jobId: 'cmd-8-1', remoteRequestId: 'corr-other' }));

    // A failed call's answer is the one named; a call that got none is null.
    const failed = processor({ system: 'flexport', answeredWith: ['corr-503'], fails: new RemoteTransientError('flexport', 'flexport answered 503', 503, null) });
    await expect(failed.step.process(flexportCancel)).rejects.toThrow('remote_unavailable');
    expect(failed.lines.info).toHaveBeenCalledWith(expect.objectContaining({ msg: 'step retrying', remoteRequestId: 'corr-503' }));
    const unanswered = processor({ system: 'flexport', answeredWith: ['corr-find', null], fails: new Error('socket hang up') });
    await expect(unanswered.step.process(flexportCancel)).rejects.toThrow();
    expect(unanswered.lines.info).toHaveBeenCalledWith(expect.objectContaining({ msg: 'step retrying', remoteRequestId: null }));

    // A system that documents no request id records none: the field is left out.
    const joom = processor({ system: 'joom' });
    await joom.step.process({ ...flexportCancel, id: 'cmd-7-2', name: 'channel-cancel', queueName: 'commands-joom', data: { ...flexportCancel.data, index: 1 } } as Job);
    expect(joom.lines.info).toHaveBeenCalledWith(expect.objectContaining({ msg: 'step completed' }));
    expect(joom.lines.info.mock.calls[0][0]).not.toHaveProperty('remoteRequestId');
  });

  it('refuses a step added to another system’s queue', async () => {
    const { step, run } = processor({ system: 'joom' });
    const error = await step.process({ ...flexportCancel, queueName: 'commands-joom' } as Job).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^invalid_command_job: step flexport-cancel calls flexport, not joom/);
    expect(run).not.toHaveBeenCalled();
  });
});
