import { randomUUID } from 'node:crypto';
import { GatewayConfig } from '@app/config';
import { CommandRateLimit, RateLimitedError } from '../../apps/api/src/commands/command-rate-limit';
import { openStore, StoreFixture } from '../support/store-fixtures';

/** A minute window's start, far from the real clock; callers named per run, so a rerun on the same Redis starts from zero. */
const WINDOW = 60_000 * 30_000_000;
const RUN = randomUUID().slice(0, 8);

/** How many of `requests` calls of `limit.take` (spread over `processes` round-robin) were accepted. */
async function accepted(processes: CommandRateLimit[], callerId: string, requests: number, now: number): Promise<number[]> {
  const counts = processes.map(() => 0);
  for (let i = 0; i < requests; i++) {
    const index = i % processes.length;
    try {
      await processes[index].take(callerId, now);
      counts[index]++;
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
    }
  }
  return counts;
}

describe('CommandRateLimit reservations (real Redis)', () => {
  let store: StoreFixture;
  const limiter = (limit: number) => new CommandRateLimit(store.redis, { commandRateLimitPerMinute: limit } as GatewayConfig);
  const counter = async (callerId: string, now: number) => Number(await store.redis.get(`gw:rate:commands:${callerId}:${Math.floor(now / 60_000)}`));

  beforeAll(async () => {
    store = await openStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('accepts exactly the limit in one process, reserving far below it and counting one by one near it', async () => {
    const limit = limiter(1_000);
    await limit.take(`caller-one-${RUN}`, WINDOW);
    // 1/64 of the 1,000 left: this request and 14 more without a round trip.
    expect(await counter(`caller-one-${RUN}`, WINDOW)).toBe(15);
    expect(await accepted([limit], `caller-one-${RUN}`, 1_099, WINDOW + 1)).toEqual([999]);
    await expect(limit.take(`caller-one-${RUN}`, WINDOW + 2)).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('never lets processes together pass the limit, and loses at most 63 per other process to unused reservations', async () => {
    const processes = [limiter(5_000), limiter(5_000), limiter(5_000)];
    const counts = await accepted(processes, `caller-three-${RUN}`, 6_000, WINDOW + 60_000);
    const total = counts.reduce((sum, count) => sum + count, 0);
    expect(total).toBeLessThanOrEqual(5_000);
    expect(total).toBeGreaterThanOrEqual(5_000 - 2 * 63);
    // Round-robin: each process answered its share until the count ran out.
    for (const count of counts) expect(count).toBeGreaterThan(1_500);
  });

  it('drops what was reserved in a window when the next one starts, and keys callers apart', async () => {
    const limit = limiter(3);
    expect(await accepted([limit], `caller-small-${RUN}`, 5, WINDOW + 120_000)).toEqual([3]);
    expect(await accepted([limit], `caller-other-${RUN}`, 1, WINDOW + 120_000)).toEqual([1]);
    const big = limiter(6_400);
    await big.take(`caller-next-${RUN}`, WINDOW + 180_000);
    expect(await counter(`caller-next-${RUN}`, WINDOW + 180_000)).toBe(64);
    await big.take(`caller-next-${RUN}`, WINDOW + 240_000);
    // A new window's count: its own reservation, none carried over from the last one.
    expect(await counter(`caller-next-${RUN}`, WINDOW + 240_000)).toBe(64);
  });
});
