import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import type { GatewayConfig } from '@app/config';
import type { RedisClient } from '@app/store';
import { QueueMetricsRecorder } from './queue-metrics.recorder';
import { WorkerMetrics } from './worker-metrics';

const KEY = 'gw:metrics:{queues}:bull';

/** A fake MULTI that records the increments it was given. */
function fakeRedis(exec: () => Promise<unknown> = async () => []) {
  const calls: [string, string, number][] = [];
  const batch = {
    hincrby: (key: string, field: string, by: number) => (calls.push(['hincrby', `${key} ${field}`, by]), batch),
    exec,
  };
  return { redis: { multi: () => batch } as unknown as RedisClient, calls };
}

function job(overrides: { attemptsMade?: number; attempts?: number; processedOn?: number } = {}): Job {
  return { queueName: 'commands-joom', attemptsMade: overrides.attemptsMade ?? 1, opts: { attempts: overrides.attempts ?? 8 }, processedOn: overrides.processedOn ?? Date.now() - 250 } as Job;
}

const recorders: QueueMetricsRecorder[] = [];
afterEach(() => recorders.splice(0).forEach((r) => r.onModuleDestroy()));

function recorder(redis: RedisClient) {
  const created = new QueueMetricsRecorder(redis, { queuePrefix: 'bull' } as GatewayConfig, new WorkerMetrics());
  recorders.push(created);
  return created;
}

describe('QueueMetricsRecorder', () => {
  it('counts a completed job in one MULTI, at the next flush', () => {
    const { redis, calls } = fakeRedis();
    const metrics = recorder(redis);
    metrics.completed(job());
    expect(calls).toEqual([]);
    metrics.flush();
    expect(calls).toEqual([['hincrby', `${KEY} commands-joom:processed`, 1]]);
  });

  it.each([
    ['retried: a transient error with attempts left', job({ attemptsMade: 1 }), new Error('timeout'), 'retried'],
    ['failed: the last attempt', job({ attemptsMade: 8 }), new Error('timeout'), 'failed'],
    ['failed: a permanent error', job({ attemptsMade: 1 }), new UnrecoverableError('refused'), 'failed'],
    ['failed: a job without retries', job({ attemptsMade: 1, attempts: 1 }), new Error('boom'), 'failed'],
  ])('%s', (_case, failedJob, error, measure) => {
    const { redis, calls } = fakeRedis();
    const metrics = recorder(redis);
    metrics.failed(failedJob, error);
    metrics.flush();
    expect(calls).toEqual([['hincrby', `${KEY} commands-joom:${measure}`, 1]]);
  });

  it('counts a rate-limited attempt without timing it, and ignores a failure without a job', () => {
    const { redis, calls } = fakeRedis();
    const metrics = recorder(redis);
    metrics.rateLimited(job().queueName);
    metrics.failed(undefined, new Error('stalled'));
    metrics.flush();
    expect(calls).toEqual([['hincrby', `${KEY} commands-joom:rate_limited`, 1]]);
  });

  it('never throws when Redis refuses the write, only logs it', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { redis } = fakeRedis(() => Promise.reject(new Error("Stream isn't writeable")));
    const metrics = recorder(redis);
    metrics.completed(job());
    expect(() => metrics.flush()).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not recorded'));
    warn.mockRestore();
  });

  it('sums many jobs into one write per field', () => {
    const { redis, calls } = fakeRedis();
    const metrics = recorder(redis);
    for (let i = 0; i < 50; i++) metrics.completed(job());
    metrics.flush();
    expect(calls.filter(([, field]) => field.endsWith(':processed'))).toEqual([['hincrby', `${KEY} commands-joom:processed`, 50]]);
    metrics.flush();
    expect(calls).toHaveLength(1);
  });
});
