import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startRedisServer } from './redis-server';

export const STATE_FILE = join(tmpdir(), `gw-test-redis-${process.pid}.json`);

/**
 * Starts one private redis-server for the whole integration run (unless
 * TEST_REDIS_URL points at one already, e.g. a cluster) and hands its URL to
 * the test workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_REDIS_URL) {
    process.env.REDIS_URL = process.env.TEST_REDIS_URL;
    return;
  }
  const redis = await startRedisServer();
  process.env.REDIS_URL = redis.url;
  process.env.GW_TEST_REDIS_STATE = STATE_FILE;
  writeFileSync(STATE_FILE, JSON.stringify({ pid: redis.pid, dir: redis.dir }));
}
