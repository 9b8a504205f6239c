import { join } from 'node:path';
import { BenchConfig } from '../bench-config';
import { BenchProcess, spawnNode, waitForHttp, waitForLog } from './child-processes';
import { freePort } from '../../test/support/redis-server';

export const BENCH_API_KEY = 'bench-api-key-0123456789abcdef';
export const BENCH_JOOM_TOKEN = 'bench-joom-token-0001';

/**
 * The gateway as it is deployed — sandbox, api and worker, each its own
 * process from the built entrypoints — with only Joom (v3) enabled, so no
 * Akinon sync or Flexport poll competes with what is measured. The periodic
 * sync is pushed out to an hour: it still runs once at boot (against an
 * empty sandbox), afterwards syncs happen only when a figure asks.
 * Variables a build does not know are ignored by its config loader.
 */
export interface GatewayStack {
  sandboxUrl: string;
  apiUrl: string;
  /** The environment api and worker run with. */
  env: Record<string, string>;
  sandbox: BenchProcess;
  api: BenchProcess;
  worker: BenchProcess;
  /** Stops the worker and starts a fresh one (a clean peak-RSS reading); `unset` names variables the new one runs without. */
  restartWorker(unset?: string[]): Promise<BenchProcess>;
  stop(): Promise<void>;
}

/** node arguments that profile a process when BENCH_CPU_PROF_DIR is set: one directory per process, V8 names the files (time, pid) at exit. */
export function cpuProfileArgs(config: BenchConfig, name: string): string[] {
  return config.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', join(config.cpuProfDir, name)] : [];
}

export async function startGatewayStack(config: BenchConfig): Promise<GatewayStack> {
  const [sandboxPort, apiPort] = [await freePort(), await freePort()];
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const entry = (app: string) => join(config.distDir, 'apps', app, 'main.js');
  const common = { cwd: config.root, logDir: config.workDir };
  const profiled = (name: string) => cpuProfileArgs(config, name);

  const sandbox = spawnNode({
    ...common,
    name: 'sandbox',
    script: entry('sandbox'),
    env: { PORT: String(sandboxPort), JOOM_ACCESS_TOKEN: BENCH_JOOM_TOKEN, SANDBOX_SEED_COUNT: '0' },
  });
  await waitForHttp(`${sandboxUrl}/__sandbox/health`);

  const env: Record<string, string> = {
    REDIS_URL: config.redisUrl,
    API_KEYS: BENCH_API_KEY,
    // ~700 commands/s through one key: the per-key limit stays on (its Redis round trip is measured) but never binds.
    COMMAND_RATE_LIMIT_PER_MINUTE: '1000000',
    JOOM_API_VERSION: 'v3',
    JOOM_BASE_URL: sandboxUrl,
    JOOM_ACCESS_TOKEN: BENCH_JOOM_TOKEN,
    SYNC_INTERVAL_MS: String(3_600_000),
    LOG_LEVEL: config.logLevel,
    // The sandbox's Joom quota is lifted for the bench, so the gateway's own step rate (set to match that quota) is lifted too.
    JOOM_STEPS_PER_SECOND: String(config.joomStepsPerSecond),
    // Spans are built, batched and serialised as for a collector, then written where they cost no I/O.
    ...(config.tracing ? { OTEL_TRACES_EXPORTER: 'file', TRACES_FILE_PATH: '/dev/null' } : {}),
  };
  let workers = 0;
  const startWorker = async (unset: string[] = []) => {
    // A log file per worker process, so a restart waits for the new one's "started" line.
    const name = ++workers === 1 ? 'worker' : `worker-${workers}`;
    const workerEnv = Object.fromEntries(Object.entries(env).filter(([key]) => !unset.includes(key)));
    const worker = spawnNode({ ...common, name, script: entry('worker'), nodeArgs: profiled('worker'), env: workerEnv });
    await waitForLog(worker, /worker started/);
    return worker;
  };
  const api = spawnNode({ ...common, name: 'api', script: entry('api'), nodeArgs: profiled('api'), env: { ...env, PORT: String(apiPort) } });
  const stack: GatewayStack = {
    sandboxUrl,
    apiUrl,
    env,
    sandbox,
    api,
    worker: await startWorker(),
    async restartWorker(unset) {
      await stack.worker.stop();
      stack.worker = await startWorker(unset);
      return stack.worker;
    },
    async stop() {
      await Promise.all([stack.worker.stop(), api.stop()]);
      await sandbox.stop();
    },
  };
  await waitForHttp(`${apiUrl}/health/live`);
  return stack;
}
