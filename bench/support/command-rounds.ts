import { Queue } from 'bullmq';
import { SYSTEM_QUEUES } from '@app/queues';
import { BenchContext } from './bench-context';
import { GatewayStore } from './gateway-store';
import { TransitionWatcher } from './transition-watcher';
import { gatewayQueue, joomStepLimits, StepWorkerOptions } from './gateway-queues';

/**
 * Default round size: what the limiter lets through in this long, within
 * these bounds. At most 6000: rounds of 2000 (1–2 s) measured the bare
 * worker 10–20 % slower than rounds of 6000 and the gateway the same, which
 * flattered the ratio by ~0.07; from 6000 on both sides run at their
 * sustained rate.
 */
const ROUND_TARGET_S = 30;
const MIN_COMMANDS = 200;
const MAX_COMMANDS = 6_000;

/** What both command figures share: the round size, the baseline's concurrency and the gateway's Joom step limit. */
export interface CommandRounds {
  /** Commands per round. */
  n: number;
  /** The Joom step queue's concurrency, which the bare worker gets too. */
  concurrency: number;
  limiter: StepWorkerOptions['limiter'];
  /** Commands per second the limiter lets through (Infinity without one). */
  rate: number;
  timeoutMs: number;
}

export async function planCommandRounds(context: BenchContext): Promise<CommandRounds> {
  const steps = gatewayQueue(context.config.redisUrl, SYSTEM_QUEUES.joom);
  try {
    const declared = await joomStepLimits(steps);
    const limiter = declared.limiter;
    const rate = limiter ? (limiter.max * 1000) / limiter.duration : Infinity;
    const n = context.config.commands ?? Math.round(Math.min(MAX_COMMANDS, Math.max(MIN_COMMANDS, rate * ROUND_TARGET_S)));
    const timeoutMs = 60_000 + (Number.isFinite(rate) ? (3 * n * 1000) / rate : 0);
    return { n, concurrency: declared.concurrency, limiter, rate, timeoutMs };
  } finally {
    await steps.close();
  }
}

export function describeLimiter(limiter: StepWorkerOptions['limiter']): string {
  return limiter ? `${limiter.max} jobs / ${limiter.duration} ms` : 'none';
}

/** Says when the limiter, not the machine, set the gateway's figure; null when it did not. */
export function limiterNote(plan: CommandRounds, gatewayPerSecond: number): string | null {
  if (!plan.limiter || gatewayPerSecond < 0.9 * plan.rate) return null;
  return (
    `the gateway ran at its Joom step queue's BullMQ global rate limit of ${describeLimiter(plan.limiter)} (JOOM_STEPS_PER_SECOND): ` + `it cannot pass ${plan.rate} commands/s, whatever the machine`
  );
}

/** Jobs that failed for good on these queues, summed (a delta of it tells a round that a command failed). */
export async function failedCount(queues: readonly Queue[]): Promise<number> {
  const counts = await Promise.all(queues.map((queue) => queue.getJobCounts('failed')));
  return counts.reduce((sum, count) => sum + (count.failed ?? 0), 0);
}

/**
 * Resolves once every order is `shipped` (watched on the `order-events`
 * streams); fails the round as soon as a gateway command job fails (more
 * than `failedBefore` on the watched queues, checked once a second), rather
 * than waiting for the timeout.
 */
export async function shippedOrFailed(watcher: TransitionWatcher, orderIds: string[], plan: CommandRounds, watched: readonly Queue[], failedBefore: number, logFile: string): Promise<void> {
  let lastFailureCheck = Date.now();
  await watcher.waitFor(orderIds, 'shipped', plan.timeoutMs, async () => {
    if (Date.now() - lastFailureCheck < 1_000) return;
    lastFailureCheck = Date.now();
    const failed = (await failedCount(watched)) - failedBefore;
    if (failed > 0) throw new Error(`${failed} gateway command job(s) failed; see ${logFile}`);
  });
}

/** Off the clock: the store itself agrees with the event streams. */
export async function assertStoredShipped(store: GatewayStore, orderIds: string[]): Promise<void> {
  const statuses = await store.statuses(orderIds);
  const notShipped = statuses.filter((status) => status !== 'shipped').length;
  if (notShipped > 0) throw new Error(`${notShipped} orders were announced shipped but are not stored as shipped`);
}
