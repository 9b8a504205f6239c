import { COMMAND_QUEUES } from '@app/queues';
import { BenchContext } from './bench-context';
import { gatewayQueue } from './gateway-queues';

const AOF_REWRITE_TIMEOUT_MS = 60_000;

/**
 * Gives the next figure the Redis a fresh run would: no orders, events or
 * finished command jobs left by the figure before, and the AOF compacted.
 * Without it, a figure ran slower after the command figure (ingestion 0.43
 * against 0.58 alone): its tens of thousands of orders and jobs made every
 * automatic AOF rewrite — a fork copying the whole dataset, on the same two
 * cores — longer, and the rewrites came in the middle of the next rounds.
 */
export async function resetBetweenFigures({ config, store }: BenchContext): Promise<void> {
  await store.deleteAllOrders();
  for (const name of COMMAND_QUEUES) {
    const queue = gatewayQueue(config.redisUrl, name);
    try {
      await queue.clean(0, 0, 'completed');
      await queue.clean(0, 0, 'failed');
    } finally {
      await queue.close();
    }
  }
  const deadline = Date.now() + AOF_REWRITE_TIMEOUT_MS;
  // An automatic rewrite may be running (Redis then refuses another): it started before the deletes, so wait it out and ask again.
  for (;;) {
    await aofRewriteDone(store, deadline);
    try {
      await store.redis.bgrewriteaof();
      break;
    } catch (error) {
      if (!/already in progress/i.test((error as Error).message)) throw error;
    }
  }
  await aofRewriteDone(store, deadline);
}

async function aofRewriteDone(store: BenchContext['store'], deadline: number): Promise<void> {
  while (/aof_rewrite_(in_progress|scheduled):1/.test(await store.redis.info('persistence'))) {
    if (Date.now() > deadline) throw new Error(`the AOF rewrite between figures took over ${AOF_REWRITE_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
