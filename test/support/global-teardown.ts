import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { TestRedisState } from './global-setup';
import { removeDir } from './redis-server';

/** Stops the redis-server processes that global-setup started. */
export default async function globalTeardown(): Promise<void> {
  const stateFile = process.env.GW_TEST_REDIS_STATE;
  if (!stateFile || !existsSync(stateFile)) return;
  const { servers } = JSON.parse(readFileSync(stateFile, 'utf8')) as TestRedisState;
  for (const { pid } of servers) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (const { dir } of servers) removeDir(dir);
  rmSync(stateFile, { force: true });
}
