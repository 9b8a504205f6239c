import 'reflect-metadata';
import { Queue } from 'bullmq';
import { queueConnectionOptions } from '@app/queues';
import { JoomStepProcessor } from '../../apps/worker/src/steps/system.processors';

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
 * The concurrency and rate limit the worker gives the Joom step queue, read
 * from the processor's own decorator (`@Processor(SYSTEM_QUEUES.joom, {…})`
 * in apps/worker/src/steps/system.processors.ts), so the baseline always
 * runs with what the gateway runs with. `BENCH_STEP_CONCURRENCY` overrides
 * it, for a build (BENCH_DIST) made from other sources than this checkout.
 */
export function joomStepWorkerOptions(env: NodeJS.ProcessEnv = process.env): StepWorkerOptions {
  const options = Reflect.getMetadata('bullmq:worker_metadata', JoomStepProcessor) as Partial<StepWorkerOptions> | undefined;
  if (!options?.concurrency) throw new Error('cannot read the Joom step processor options (@Processor metadata of JoomStepProcessor)');
  const override = Number(env.BENCH_STEP_CONCURRENCY);
  return { concurrency: override > 0 ? override : options.concurrency, limiter: options.limiter ?? null };
}

/**
 * The limit BullMQ really applies to a queue: a queue-level global rate limit
 * (`Queue.setGlobalRateLimit`, kept in Redis) wins over the worker's
 * `limiter.max`; the worker's `limiter.duration` wins over the global one
 * (BullMQ's moveToActive script).
 */
export async function effectiveLimiter(queue: Queue, options: StepWorkerOptions): Promise<StepWorkerOptions['limiter']> {
  const global = await queue.getGlobalRateLimit();
  if (!global) return options.limiter;
  return { max: global.max, duration: options.limiter?.duration ?? global.duration };
}
