/**
 * Where a single-order read waits while lists run: the read-under-load part
 * of the list-at-scale figure alone, against a Redis it seeds once and keeps
 * (so builds can be compared run after run, alternating), with three probes
 * beside the reads:
 *   - the api's event-loop delay (`monitorEventLoopDelay`, 1 ms resolution,
 *     preloaded with `-r`), idle and under list load;
 *   - the same delay in an idle Node process on the same machine: what the
 *     machine's load alone costs any process;
 *   - an `HMGET` of the order sent straight to Redis under list load: the
 *     wait behind queued list scripts, without the api.
 *
 *   redis-server --port 6391 --save '' --daemonize yes
 *   READ_WAIT_REDIS_URL=redis://127.0.0.1:6391 npx tsx bench/tools/read-wait.ts [dist-dir …]
 *
 * Each dist dir (default `dist`) is one build's api; several are run in turn
 * (`READ_WAIT_ROUNDS`, default 1, times). Seeds `READ_WAIT_ORDERS` (200,000)
 * on an empty Redis and writes what it seeded beside it (`.data/read-wait-seed.json`).
 */
import 'reflect-metadata';
import { Agent } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { OrderRepository, storeKeys } from '@app/store';
import { freePort } from '../../test/support/redis-server';
import { BenchProcess, spawnNode, waitForHttp, waitForLog } from '../support/child-processes';
import { startCpuSecondsMeter } from '../support/cpu-meter';
import { timedGet } from '../support/http-get';
import { ScaleSeed, seedScale } from '../support/scale-seed';

const ROOT = resolve(__dirname, '../..');
const KEY = 'bench-api-key-0123456789abcdef';
const SECONDS = Number(process.env.READ_WAIT_SECONDS ?? 10);
const WORK = join(tmpdir(), 'gw-read-wait');
const SEED_FILE = join(ROOT, '.data', 'read-wait-seed.json');
/** Prints the histogram's percentiles and resets it on SIGUSR2. */
const DELAY_PROBE = `
const h = require('node:perf_hooks').monitorEventLoopDelay({ resolution: 1 });
h.enable();
process.on('SIGUSR2', () => {
  const ms = (v) => (v / 1e6).toFixed(2);
  process.stdout.write('delay p50=' + ms(h.percentile(50)) + ' p99=' + ms(h.percentile(99)) + ' max=' + ms(h.max) + '\\n');
  h.reset();
});
`;

async function main(): Promise<void> {
  const redisUrl = process.env.READ_WAIT_REDIS_URL;
  if (!redisUrl) throw new Error('READ_WAIT_REDIS_URL is not set: a Redis this tool may seed and keep');
  mkdirSync(WORK, { recursive: true });
  writeFileSync(join(WORK, 'delay-probe.js'), DELAY_PROBE);
  writeFileSync(join(WORK, 'idle.js'), 'setInterval(() => {}, 1000);');
  const redis = new Redis(redisUrl);
  try {
    const seed = await seeded(redis);
    const dists = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['dist'];
    for (let round = 0; round < Number(process.env.READ_WAIT_ROUNDS ?? 1); round++) {
      for (const dist of dists) {
        console.log(`== ${dist} (load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`);
        await measure(redis, redisUrl, resolve(ROOT, dist), seed);
      }
    }
  } finally {
    redis.disconnect();
  }
}

async function seeded(redis: Redis): Promise<ScaleSeed> {
  if ((await redis.dbsize()) > 0) {
    if (!existsSync(SEED_FILE)) throw new Error(`the Redis holds data this tool did not seed (no ${SEED_FILE})`);
    return JSON.parse(readFileSync(SEED_FILE, 'utf8')) as ScaleSeed;
  }
  const seed = await seedScale(new OrderRepository(redis), Number(process.env.READ_WAIT_ORDERS ?? 200_000), () => undefined);
  mkdirSync(join(ROOT, '.data'), { recursive: true });
  writeFileSync(SEED_FILE, JSON.stringify(seed));
  return seed;
}

async function measure(redis: Redis, redisUrl: string, dist: string, seed: ScaleSeed): Promise<void> {
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const probe = ['-r', join(WORK, 'delay-probe.js')];
  const api = spawnNode({
    name: 'api',
    cwd: ROOT,
    logDir: WORK,
    script: join(dist, 'apps', 'api', 'main.js'),
    nodeArgs: probe,
    env: {
      REDIS_URL: redisUrl,
      API_KEYS: KEY,
      JOOM_API_VERSION: 'v3',
      JOOM_BASE_URL: 'http://127.0.0.1:9',
      JOOM_ACCESS_TOKEN: 'unused',
      SYNC_INTERVAL_MS: '3600000',
      LOG_LEVEL: 'info',
      PORT: String(port),
    },
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  const headers = { Authorization: `Bearer ${KEY}` };
  const url = `${apiUrl}/v1/orders/${seed.sampleId}`;
  const processes: BenchProcess[] = [api];
  try {
    await waitForHttp(`${apiUrl}/health/live`);
    await reads(agent, url, headers); // warm-up
    await delay(api);
    const idle = await reads(agent, url, headers);
    const idleDelay = await delay(api);
    const load = spawnNode({
      name: 'list-load',
      nodeArgs: ['--import', 'tsx'],
      script: join(ROOT, 'bench', 'support', 'list-load.ts'),
      env: { API_URL: apiUrl, API_KEY: KEY, CLIENTS: '8', QUERIES: JSON.stringify(listQueries(seed)) },
      cwd: ROOT,
      logDir: WORK,
    });
    const bystander = spawnNode({ name: 'idle-node', cwd: ROOT, logDir: WORK, script: join(WORK, 'idle.js'), nodeArgs: probe, env: {} });
    processes.push(load, bystander);
    await waitForLog(load, /list load started/);
    await new Promise((r) => setTimeout(r, 1_000));
    await redis.config('RESETSTAT');
    await Promise.all([delay(api), delay(bystander)]);
    const pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
    const cpu = startCpuSecondsMeter({ api: api.pid, redis: pid, listClients: load.pid });
    const loaded = await reads(agent, url, headers);
    const used = cpu();
    const [loadedDelay, bystanderDelay] = await Promise.all([delay(api), delay(bystander)]);
    const direct = await directReads(redis, storeKeys.order(seed.sampleId));
    const scripts = /latency_percentiles_usec_evalsha:(\S+)/.exec(await redis.info('latencystats'))?.[1];
    await load.stop();
    const pages = [...load.log().matchAll(/pages=(\d+) errors=(\d+)/g)].pop();
    console.log(`reads idle ${percentiles(idle)}; api ${idleDelay}`);
    console.log(`reads beside 8 list clients ${percentiles(loaded)}, p99 ${(pct(loaded, 99) / pct(idle, 99)).toFixed(1)}× idle; api ${loadedDelay}; idle node ${bystanderDelay}`);
    console.log(`HMGET straight to Redis under list load ${percentiles(direct)}; list scripts in Redis ${scripts} µs`);
    console.log(
      `list pages ${pages?.[1]} (errors ${pages?.[2]}); CPU s ${Object.entries(used)
        .map(([name, s]) => `${name} ${s.toFixed(2)}`)
        .join(', ')}`,
    );
  } finally {
    agent.destroy();
    for (const child of processes) await child.stop();
  }
}

/** The list-at-scale figure's filter combinations (figures/list-scale.ts). */
function listQueries(seed: ScaleSeed): string[] {
  return [
    '',
    'channel=akinon',
    'status=delivered',
    'status=on_hold',
    'attention=true',
    'attention=false',
    `updatedSince=${seed.recentCutoff}`,
    `updatedSince=${seed.weekCutoff}`,
    'updatedSince=2999-01-01T00:00:00Z',
    'channel=akinon&status=fulfilling',
    'status=ready&attention=true',
    `channel=joom&attention=true&updatedSince=${seed.weekCutoff}`,
    `channel=akinon&status=ready&attention=false&updatedSince=${seed.monthCutoff}`,
  ];
}

/** Two sequential clients for SECONDS, as the figure reads. */
async function reads(agent: Agent, url: string, headers: Record<string, string>): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + SECONDS * 1000;
  const lane = async () => {
    while (Date.now() < until) {
      const answer = await timedGet(agent, url, headers);
      if (answer.status !== 200) throw new Error(`GET ${url} → ${answer.status}`);
      latencies.push(answer.ms);
    }
  };
  await Promise.all([lane(), lane()]);
  return latencies;
}

async function directReads(redis: Redis, key: string): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + 5_000;
  const lane = async () => {
    while (Date.now() < until) {
      const started = process.hrtime.bigint();
      await redis.hmgetBuffer(key, 'ch', 'doc');
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  await Promise.all([lane(), lane()]);
  return latencies;
}

/** The process's event-loop delay since the last call (its probe prints it on SIGUSR2). */
async function delay(child: BenchProcess): Promise<string> {
  process.kill(child.pid, 'SIGUSR2');
  await new Promise((r) => setTimeout(r, 200));
  return [...child.log().matchAll(/delay .*/g)].pop()?.[0] ?? 'delay ?';
}

function pct(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function percentiles(values: readonly number[]): string {
  return `p50 ${pct(values, 50).toFixed(2)} / p99 ${pct(values, 99).toFixed(2)} ms (${values.length})`;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
