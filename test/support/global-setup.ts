import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startRedisCluster } from './redis-cluster';
import { startRedisServer } from './redis-server';

export const STATE_FILE = join(tmpdir(), `gw-test-redis-${process.pid}.json`);

/** What global-teardown must stop: the redis-server processes and their data dirs. */
export interface TestRedisState {
  servers: { pid: number; dir: string }[];
}

/**
 * Starts the Redis the integration run shares and hands its URL to the test
 * workers through the environment:
 * - `TEST_REDIS_URL` set: that one (nothing is started);
 * - `TEST_REDIS_CLUSTER=1`: a local 3-master Redis Cluster (`redis+cluster://…`);
 * - otherwise: one private redis-server.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_REDIS_URL) {
    process.env.REDIS_URL = process.env.TEST_REDIS_URL;
    return;
  }
  let state: TestRedisState;
  if (process.env.TEST_REDIS_CLUSTER === '1') {
    const cluster = await startRedisCluster();
    process.env.REDIS_URL = cluster.url;
    state = { servers: cluster.nodes.map(({ pid, dir }) => ({ pid, dir })) };
  } else {
    const redis = await startRedisServer();
    process.env.REDIS_URL = redis.url;
    state = { servers: [{ pid: redis.pid, dir: redis.dir }] };
  }
  process.env.GW_TEST_REDIS_STATE = STATE_FILE;
  writeFileSync(STATE_FILE, JSON.stringify(state));
}
