/**
 * `npm run bench` (scripts/bench.sh starts Redis and runs this with tsx):
 * the gateway's performance as ratios to bare baselines measured in the same
 * run on the same machine, printed as a table and written to
 * .data/bench-report.{json,md}. Knobs: see bench-config.ts.
 */
import 'reflect-metadata';
import Redis from 'ioredis';
import { BenchConfig, FigureName, loadBenchConfig } from './bench-config';
import { commandThroughput } from './figures/command-throughput';
import { ingestion } from './figures/ingestion';
import { listScale } from './figures/list-scale';
import { restCommands } from './figures/rest-commands';
import { restReads } from './figures/rest-reads';
import { workerMemory } from './figures/worker-memory';
import { BenchContext, Figure } from './support/bench-context';
import { killAllChildren } from './support/child-processes';
import { describeEnvironment } from './support/environment';
import { resetBetweenFigures } from './support/figure-reset';
import { FigureRow } from './support/figure-row';
import { startGatewayStack } from './support/gateway-stack';
import { GatewayStore } from './support/gateway-store';
import { textTable, writeReports } from './support/report';
import { SandboxControl } from './support/sandbox-control';

/** In this order: memory late, it leaves 100,000 jobs behind and restarts the worker; scale last, it leaves its orders for bench.sh's Redis to drop. */
const FIGURES: Record<FigureName, Figure> = {
  commands: commandThroughput,
  'rest-commands': restCommands,
  ingestion,
  reads: restReads,
  memory: workerMemory,
  scale: listScale,
};

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const config = loadBenchConfig();
  const redis = await prepareRedis(config);
  const environment = describeEnvironment(config.root, redis.version, commandLine());
  log(`› bench: ${config.figures.join(', ')}${config.tracing ? ', api and worker tracing (BENCH_TRACING=1)' : ''}; logs in ${config.workDir}`);

  const stack = await startGatewayStack(config);
  const store = await GatewayStore.open(config.redisUrl);
  const pids = () => ({
    worker: stack.worker.pid,
    api: stack.api.pid,
    sandbox: stack.sandbox.pid,
    ...(redis.pid ? { redis: redis.pid } : {}),
    harness: process.pid,
  });
  const context: BenchContext = { config, stack, store, sandbox: new SandboxControl(stack.sandboxUrl), pids, log };
  const rows: FigureRow[] = [];
  let failures = 0;
  try {
    for (const [index, name] of config.figures.entries()) {
      const started = Date.now();
      log(`› ${name}`);
      try {
        if (index > 0) await resetBetweenFigures(context);
        rows.push(...(await FIGURES[name](context)));
      } catch (error) {
        // One broken figure must not cost the others; the run still fails at the end.
        failures++;
        const message = error instanceof Error ? error.message : String(error);
        log(`✗ ${name}: ${message}`);
        rows.push({ figure: name, unit: '', gateway: NaN, bare: null, ratio: null, goal: '—', pass: false, notes: [`error: ${message}`] });
      }
      log(`  (${name} took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  } finally {
    store.close();
    await stack.stop();
  }

  log('');
  log(textTable(rows, environment));
  const partial = config.figures.length < Object.keys(FIGURES).length;
  // A traced run is compared with an untraced one, never replaces it.
  const name = `${partial ? `bench-report-${config.figures.join('-')}` : 'bench-report'}${config.tracing ? '-tracing' : ''}`;
  const written = writeReports(config.reportDir, name, rows, environment);
  log(`\nwritten: ${written.json}, ${written.markdown}`);
  return failures > 0 ? 1 : 0;
}

/** Refuses a Redis that holds data (unless told to flush it); answers its version, and its pid when it runs on this machine. */
async function prepareRedis(config: BenchConfig): Promise<{ version: string; pid: number | null }> {
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectionName: 'bench-setup' });
  try {
    const keys = await redis.dbsize();
    if (keys > 0 && !config.flushRedis) {
      throw new Error(`${config.redisUrl} holds ${keys} keys: point BENCH_REDIS_URL at an empty database, or set BENCH_FLUSH_REDIS=1 to flush it`);
    }
    if (keys > 0) await redis.flushdb();
    const info = await redis.info('server');
    const local = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(config.redisUrl).hostname);
    return {
      version: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
      pid: local ? Number(/process_id:(\d+)/.exec(info)?.[1] ?? 0) || null : null,
    };
  } finally {
    redis.disconnect();
  }
}

/** The command that produced the numbers, with the knobs that were changed. */
function commandLine(): string {
  const knobs = Object.entries(process.env)
    .filter(([name]) => name.startsWith('BENCH_') && !['BENCH_REDIS_URL', 'BENCH_WORK_DIR'].includes(name))
    .map(([name, value]) => `${name}=${value}`);
  return [...knobs, 'npm run bench'].join(' ');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`bench failed: ${error.stack ?? error.message}`);
    killAllChildren();
    process.exit(1);
  },
);
