import { Queue } from 'bullmq';
import { queueConnectionOptions } from '@app/queues';

/** The gateway's BullMQ key prefix (QUEUE_PREFIX is not set by the bench, so the default). */
export const GATEWAY_QUEUE_PREFIX = 'bull';

/** A producer on one of the gateway's queues, with the connection options the gateway itself uses. */
export function gatewayQueue(redisUrl: string, name: string): Queue {
  return new Queue(name, { connection: queueConnectionOptions(redisUrl, 'worker'), prefix: GATEWAY_QUEUE_PREFIX });
}

export interface StepWorkerOptions {
  concurrency: number;
  limiter: { max: number; duration: number } | null;
}

/**
 * The concurrency and rate limit the Joom step queue runs with, as the
 * worker set them at boot with BullMQ's public API (the queue's global
 * concurrency and global rate limit, apps/worker/src/steps/system-limits.ts),
 * so the baseline always runs with what the gateway runs with.
 * `BENCH_STEP_CONCURRENCY` overrides the concurrency, for a build
 * (BENCH_DIST) that does not set a global one.
 */
export async function joomStepLimits(queue: Queue, env: NodeJS.ProcessEnv = process.env): Promise<StepWorkerOptions> {
  const override = Number(env.BENCH_STEP_CONCURRENCY);
  const concurrency = override > 0 ? override : await queue.getGlobalConcurrency();
  if (!concurrency) throw new Error(`the Joom step queue has no global concurrency (is the worker up?); set BENCH_STEP_CONCURRENCY`);
  return { concurrency, limiter: await queue.getGlobalRateLimit() };
}
