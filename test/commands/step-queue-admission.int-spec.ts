import { Worker } from 'bullmq';
import { closeQueueConnection, queueConnectionOptions, RemoteSystemName, SYSTEM_QUEUES } from '@app/queues';
import { RedisClient } from '@app/store';
import { StepQueueAdmission } from '../../apps/worker/src/steps/step-queue-admission';
import { SystemQueues } from '../../apps/worker/src/steps/system-queues';
import { openQueue, TestQueue } from '../support/queue-fixtures';
import { connectRedis, flushRedis, queuePrefix, redisUrl } from '../support/store-fixtures';

/**
 * The direct path's admission mirrors BullMQ's limiter (bullmq 5.81's
 * moveToActive): checked here against BullMQ itself on a real Redis (and on
 * the Cluster run, where the queue's keys share a hash tag).
 */
describe('StepQueueAdmission: a step outside the queue counts against the queue', () => {
  let redis: RedisClient;
  const queues = {} as Record<RemoteSystemName, TestQueue>;
  let admission: StepQueueAdmission;
  const admitMany = async (system: RemoteSystemName, n: number) => {
    const answers: boolean[] = [];
    for (let i = 0; i < n; i++) answers.push(await admission.admit(system));
    return answers;
  };

  beforeAll(async () => {
    await flushRedis();
    redis = await connectRedis();
    for (const system of ['joom', 'akinon', 'flexport'] as const) queues[system] = openQueue(SYSTEM_QUEUES[system]);
    admission = new StepQueueAdmission({ of: (system: RemoteSystemName) => queues[system].queue } as SystemQueues, redis);
  });
  afterAll(async () => {
    await Promise.all(Object.values(queues).map((queue) => queue.close()));
    redis?.disconnect();
  });

  it('admits up to the global rate limit in a window, refuses the rest, and admits again once the window ends', async () => {
    const { queue } = queues.joom;
    await queue.setGlobalRateLimit(3, 600);
    expect(await admitMany('joom', 4)).toEqual([true, true, true, false]);
    const ttl = await redis.pttl(queue.keys.limiter);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600);
    await new Promise((resolve) => setTimeout(resolve, ttl + 50));
    expect(await admission.admit('joom')).toBe(true);
  });

  it("shares its window with BullMQ's workers: units taken here hold a step job back until the window ends", async () => {
    const { queue } = queues.akinon;
    await queue.setGlobalRateLimit(2, 1_500);
    const windowStart = Date.now();
    expect(await admitMany('akinon', 2)).toEqual([true, true]);
    await queue.add('channel-reject', { probe: true });
    const connection = queueConnectionOptions(redisUrl(), 'worker');
    let startedAt = 0;
    const worker = new Worker(queue.name, async () => void (startedAt = Date.now()), { connection, prefix: queuePrefix() });
    try {
      const deadline = Date.now() + 5_000;
      while (!startedAt && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(startedAt - windowStart).toBeGreaterThanOrEqual(1_400);
    } finally {
      await worker.close();
      await closeQueueConnection(connection);
    }
  });

  it('refuses while the queue is throttled after a 429, paused, or under a global concurrency, which only its workers can honour', async () => {
    const { queue } = queues.flexport;
    expect(await admission.admit('flexport')).toBe(true); // no rate limit set: always room
    // A throttle acts only on a queue with a rate limit, in BullMQ as here (StepRateLimits sets one on every step queue).
    await queue.setGlobalRateLimit(1_000, 1_000);

    await admission.throttle('flexport', 400);
    expect(await admission.admit('flexport')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await admission.admit('flexport')).toBe(true);

    await queue.pause();
    expect(await admission.admit('flexport')).toBe(false);
    await queue.resume();
    await queue.setGlobalConcurrency(4);
    expect(await admission.admit('flexport')).toBe(false);
    await queue.removeGlobalConcurrency();
    expect(await admission.admit('flexport')).toBe(true);
  });
});
