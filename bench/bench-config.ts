import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const FIGURES = ['commands', 'rest-commands', 'ingestion', 'reads', 'memory', 'scale'] as const;
export type FigureName = (typeof FIGURES)[number];

/** Every knob of `npm run bench`, from the environment; defaults keep the whole run under ~10 minutes on 2 cores. */
export interface BenchConfig {
  /** The Redis the gateway, the baselines and the harness share (bench.sh starts a private one). */
  redisUrl: string;
  /** FLUSHDB a non-empty BENCH_REDIS_URL instead of refusing to run on it. */
  flushRedis: boolean;
  /** Where the built entrypoints are (`dist/apps/<app>/main.js`); another build can be compared by pointing here. */
  distDir: string;
  /** Measured A/B rounds per figure, after one discarded warm-up pair. */
  rounds: number;
  /**
   * Fulfill commands per round of both command figures; null = sized from the Joom step
   * limiter so a gateway round takes about 30 s at most (300 at 10/s, up to 6000).
   */
  commands: number | null;
  /** Joom v3 orders seeded for the ingestion rounds. */
  orders: number;
  /** Seconds of load per REST read round. */
  durationS: number;
  /** autocannon connections of the REST read figure; requests in flight of the REST command figure. */
  connections: number;
  /** Commands queued for the worker-memory figure. */
  memoryCommands: number;
  /** Distinct orders those commands target. */
  memoryOrders: number;
  /** How long worker RSS is sampled at most. */
  memoryWindowS: number;
  /** JOOM_STEPS_PER_SECOND of the worker: the Joom step queue's global rate limit. */
  joomStepsPerSecond: number;
  /** Orders seeded for the list-at-scale figure. */
  scaleOrders: number;
  /** First pages (and as many continued pages) timed per filter combination in that figure. */
  scaleRequests: number;
  /** LOG_LEVEL of api and worker (`info` is the production default). */
  logLevel: string;
  /** BENCH_TRACING=1: api and worker trace every request and job, exporting to /dev/null (the SDK's whole cost, no collector's). */
  tracing: boolean;
  figures: FigureName[];
  /** When set, api and worker run with `--cpu-prof` and write their profiles here. */
  cpuProfDir: string | null;
  /** Process logs and other scratch files. */
  workDir: string;
  reportDir: string;
  root: string;
}

export function loadBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const root = resolve(__dirname, '..');
  const redisUrl = env.BENCH_REDIS_URL;
  if (!redisUrl) throw new Error('BENCH_REDIS_URL is not set: run `npm run bench` (it starts a private Redis) or point it at an empty database');
  return {
    redisUrl,
    flushRedis: env.BENCH_FLUSH_REDIS === '1',
    distDir: resolve(root, env.BENCH_DIST ?? 'dist'),
    rounds: Math.max(3, int(env, 'BENCH_ROUNDS', 3)),
    commands: env.BENCH_COMMANDS ? int(env, 'BENCH_COMMANDS', 0) : null,
    orders: int(env, 'BENCH_ORDERS', 10_000),
    durationS: int(env, 'BENCH_DURATION_S', 10),
    connections: int(env, 'BENCH_CONNECTIONS', 64),
    memoryCommands: int(env, 'BENCH_MEMORY_COMMANDS', 100_000),
    memoryOrders: int(env, 'BENCH_MEMORY_ORDERS', 1_000),
    memoryWindowS: int(env, 'BENCH_MEMORY_WINDOW_S', 90),
    joomStepsPerSecond: int(env, 'BENCH_JOOM_STEPS_PER_SECOND', 10_000),
    scaleOrders: int(env, 'BENCH_SCALE_ORDERS', 1_000_000),
    scaleRequests: int(env, 'BENCH_SCALE_REQUESTS', 100),
    logLevel: env.BENCH_LOG_LEVEL ?? 'info',
    tracing: env.BENCH_TRACING === '1',
    figures: figuresFrom(env.BENCH_ONLY),
    cpuProfDir: env.BENCH_CPU_PROF_DIR ? resolve(env.BENCH_CPU_PROF_DIR) : null,
    workDir: env.BENCH_WORK_DIR ?? mkdtempSync(join(tmpdir(), 'gw-bench-')),
    reportDir: join(root, '.data'),
    root,
  };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

function figuresFrom(raw: string | undefined): FigureName[] {
  if (!raw) return [...FIGURES];
  const wanted = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = wanted.filter((name) => !(FIGURES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown figure(s) ${unknown.join(', ')}; known: ${FIGURES.join(', ')}`);
  return FIGURES.filter((name) => wanted.includes(name));
}
