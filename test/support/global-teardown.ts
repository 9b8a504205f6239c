import { existsSync, readFileSync, rmSync } from 'node:fs';
import { removeDir } from './redis-server';

/** Stops the redis-server that global-setup started. */
export default async function globalTeardown(): Promise<void> {
  const stateFile = process.env.GW_TEST_REDIS_STATE;
  if (!stateFile || !existsSync(stateFile)) return;
  const { pid, dir } = JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number; dir: string };
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  removeDir(dir);
  rmSync(stateFile, { force: true });
}
