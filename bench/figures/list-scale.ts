import { Agent } from 'node:http';
import { join } from 'node:path';
import { CHANNELS, ORDER_STATUSES } from '@app/orders';
import Redis from 'ioredis';
import { ALL_SHARDS, OrderRepository, storeKeys } from '@app/store';
import { Figure } from '../support/bench-context';
import { spawnNode, waitForLog } from '../support/child-processes';
import { startCpuSecondsMeter } from '../support/cpu-meter';
import { FigureRow } from '../support/figure-row';
import { BENCH_API_KEY } from '../support/gateway-stack';
import { nextCursorOf, timedGet } from '../support/http-get';
import { ScaleSeed, seedScale } from '../support/scale-seed';
import { round } from '../support/stats';

const MAX_LIST_P99_MS = 50;
const MAX_READ_P99_RATIO = 2;
const LIST_CLIENTS = 8;
const READ_LANES = 2;
const AOF_WAIT_MS = 900_000;

/** Every documented filter of GET /v1/orders, alone and combined (README *REST API*). */
function filterQueries(seed: ScaleSeed): [string, string][] {
  return [
    ['no filter', ''],
    ['channel', 'channel=akinon'],
    ['status (common)', 'status=delivered'],
    ['status (rare)', 'status=on_hold'],
    ['attention=true', 'attention=true'],
    ['attention=false', 'attention=false'],
    ['updatedSince 1 h (few)', `updatedSince=${seed.recentCutoff}`],
    ['updatedSince 7 d (~2 %)', `updatedSince=${seed.weekCutoff}`],
    ['updatedSince future', 'updatedSince=2999-01-01T00:00:00Z'],
    ['channel + status', 'channel=akinon&status=fulfilling'],
    ['status + attention', 'status=ready&attention=true'],
    ['channel + attention + updatedSince', `channel=joom&attention=true&updatedSince=${seed.weekCutoff}`],
    ['all four', `channel=akinon&status=ready&attention=false&updatedSince=${seed.monthCutoff}`],
  ];
}

/**
 * `GET /v1/orders` at scale: BENCH_SCALE_ORDERS orders (default 1,000,000)
 * seeded straight into the store through the gateway's save path, then for
 * each filter combination BENCH_SCALE_REQUESTS first pages and as many pages
 * continued from a cursor (a paging walk), one at a time — p50/p99 each;
 * Redis bytes per order; and single-order reads (READ_LANES sequential
 * clients) idle and while LIST_CLIENTS list clients page through the filters
 * in their own process.
 */
export const listScale: Figure = async (context) => {
  const { config, stack, store, log } = context;
  const count = config.scaleOrders;
  const memoryBefore = await usedMemory(context);
  const seeded = Date.now();
  // Its own connection without the store client's 2 s command timeout: a seeding batch may queue behind others on a busy machine.
  const seedRedis = new Redis(config.redisUrl, { connectionName: 'bench-scale-seed' });
  let seed: ScaleSeed;
  let reported = 0;
  try {
    seed = await seedScale(new OrderRepository(seedRedis), count, (done) => {
      if (done - reported < 100_000) return;
      reported = done;
      log(`  seeded ${done} (${((Date.now() - seeded) / 1000).toFixed(0)} s)`);
    });
  } finally {
    seedRedis.disconnect();
  }
  const seedS = (Date.now() - seeded) / 1000;
  log(`  ${count} orders seeded in ${seedS.toFixed(0)} s; waiting for the AOF rewrite`);
  await settleAof(context);
  const memoryAfter = await usedMemory(context);
  const bytes = await memoryBreakdown(context, count);
  const bytesPerOrder = (memoryAfter - memoryBefore) / count;
  log(
    `  ${Math.round(bytesPerOrder)} B per order: ${Object.entries(bytes)
      .map(([part, b]) => `${part} ${Math.round(b)}`)
      .join(', ')}`,
  );

  const agent = new Agent({ keepAlive: true, maxSockets: READ_LANES });
  const headers = { Authorization: `Bearer ${BENCH_API_KEY}` };
  const rows: FigureRow[] = [];
  const queries = filterQueries(seed);
  // Redis's own latency of each command from here on (Redis 7 latency tracking): how long one list script holds the server.
  await store.redis.config('RESETSTAT');
  try {
    for (const [name, query] of queries) {
      const first: number[] = [];
      const continued: number[] = [];
      let cursor: string | null = null;
      let shortPages = 0;
      const { api, redis } = context.pids();
      const cpu = startCpuSecondsMeter(redis ? { api, redis } : { api });
      for (let n = 0; n < config.scaleRequests; n++) {
        const fresh = await timedGet(agent, `${stack.apiUrl}/v1/orders?${query}`, headers);
        if (fresh.status !== 200) throw new Error(`GET /v1/orders?${query} → ${fresh.status}: ${fresh.body.slice(0, 200)}`);
        first.push(fresh.ms);
        cursor ??= nextCursorOf(fresh.body);
        if (!cursor) continue; // everything fits one page: nothing to continue
        const next = await timedGet(agent, `${stack.apiUrl}/v1/orders?${query}&cursor=${cursor}`, headers);
        if (next.status !== 200) throw new Error(`GET /v1/orders?${query}&cursor → ${next.status}: ${next.body.slice(0, 200)}`);
        continued.push(next.ms);
        if (countItems(next.body) < 50) shortPages++;
        cursor = nextCursorOf(next.body);
      }
      const used = cpu();
      const requests = first.length + continued.length;
      const cpuNote = Object.entries(used)
        .map(([name, seconds]) => `${name} ${round((seconds * 1000) / requests)}`)
        .join(', ');
      const worst = Math.max(percentile(first, 99), continued.length ? percentile(continued, 99) : 0);
      const line = `first page p50 ${round(percentile(first, 50))} / p99 ${round(percentile(first, 99))} ms; with cursor ${continued.length ? `p50 ${round(percentile(continued, 50))} / p99 ${round(percentile(continued, 99))} ms (${shortPages} of ${continued.length} pages short)` : '— (one page holds every match)'}; CPU ms per request: ${cpuNote}`;
      log(`  ${name}: ${line}`);
      rows.push({
        figure: `list ${name}`,
        unit: 'ms',
        gateway: worst,
        bare: null,
        ratio: null,
        goal: `p99 ≤ ${MAX_LIST_P99_MS} ms`,
        pass: worst <= MAX_LIST_P99_MS,
        details: { query, first, continued },
        notes: [`GET /v1/orders?${query || '(none)'} at ${count} orders, limit 50: ${line}`],
      });
    }

    const scriptLatency = await evalshaLatency(context);
    log(`  list script calls inside Redis: ${scriptLatency}`);
    rows.push({
      figure: 'list script time in Redis',
      unit: 'µs',
      gateway: Number(/p99=([\d.]+)/.exec(scriptLatency)?.[1] ?? NaN),
      bare: null,
      ratio: null,
      goal: '—',
      pass: true,
      notes: [`p99 of one shard's list script (EVALSHA) as Redis timed it, over every request above: the longest a single-order read can wait behind one; ${scriptLatency}`],
    });

    const readUrl = `${stack.apiUrl}/v1/orders/${seed.sampleId}`;
    const idle = await readLatencies(agent, readUrl, headers, config.durationS);
    const load = spawnNode({
      name: 'list-load',
      nodeArgs: ['--import', 'tsx'],
      script: join(config.root, 'bench', 'support', 'list-load.ts'),
      env: { API_URL: stack.apiUrl, API_KEY: BENCH_API_KEY, CLIENTS: String(LIST_CLIENTS), QUERIES: JSON.stringify(queries.map(([, query]) => query)) },
      cwd: config.root,
      logDir: config.workDir,
    });
    let loaded: number[];
    try {
      await waitForLog(load, /list load started/);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      loaded = await readLatencies(agent, readUrl, headers, config.durationS);
    } finally {
      await load.stop();
    }
    const listed = [...load.log().matchAll(/pages=(\d+) errors=(\d+)/g)].pop(); // the log file is appended to across runs
    const [idleP99, loadedP99] = [percentile(idle, 99), percentile(loaded, 99)];
    const readNote = `GET /v1/orders/{id}, ${READ_LANES} sequential clients, ${config.durationS} s each: idle p50 ${round(percentile(idle, 50))} / p99 ${round(idleP99)} ms (${idle.length} reads); with ${LIST_CLIENTS} list clients paging through the filters above p50 ${round(percentile(loaded, 50))} / p99 ${round(loadedP99)} ms (${loaded.length} reads, ${listed?.[1] ?? '?'} list pages, ${listed?.[2] ?? '?'} errors)`;
    log(`  ${readNote}`);
    rows.push({
      figure: `read p99 with ${LIST_CLIENTS} list clients`,
      unit: 'ms',
      gateway: loadedP99,
      bare: idleP99,
      ratio: loadedP99 / idleP99,
      goal: `≤ ${MAX_READ_P99_RATIO}× idle`,
      pass: loadedP99 <= MAX_READ_P99_RATIO * idleP99,
      details: { idle, loaded },
      notes: [`bare column = the same reads idle. ${readNote}`],
    });
  } finally {
    agent.destroy();
  }
  rows.push({
    figure: 'Redis bytes per order',
    unit: 'B',
    gateway: bytesPerOrder,
    bare: null,
    ratio: null,
    goal: '—',
    pass: true,
    details: { ...bytes, seedS },
    notes: [
      `used_memory growth over ${count} seeded orders (${seedS.toFixed(0)} s to seed through OrderRepository.saveMany); sampled: ${Object.entries(bytes)
        .map(([part, b]) => `${part} ${Math.round(b)} B`)
        .join(', ')}`,
    ],
  });
  return rows;
};

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function countItems(body: string): number {
  return (body.match(/"allowedActions":/g) ?? []).length;
}

async function readLatencies(agent: Agent, url: string, headers: Record<string, string>, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  const lane = async () => {
    while (Date.now() < until) {
      const answer = await timedGet(agent, url, headers);
      if (answer.status !== 200) throw new Error(`GET ${url} → ${answer.status}`);
      latencies.push(answer.ms);
    }
  };
  await Promise.all(Array.from({ length: READ_LANES }, lane));
  return latencies;
}

async function evalshaLatency({ store }: Parameters<Figure>[0]): Promise<string> {
  const stats = await store.redis.info('commandstats');
  const latency = await store.redis.info('latencystats');
  const calls = /cmdstat_evalsha:calls=(\d+),usec=(\d+)/.exec(stats);
  const percentiles = /latency_percentiles_usec_evalsha:(\S+)/.exec(latency)?.[1] ?? 'no latency tracking';
  return `${calls?.[1] ?? 0} calls, mean ${calls ? Math.round(Number(calls[2]) / Number(calls[1])) : '?'} µs, ${percentiles.replace(/,/g, ' ')} µs`;
}

async function usedMemory({ store }: Parameters<Figure>[0]): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await store.redis.info('memory'))?.[1] ?? NaN);
}

/** Waits for any AOF rewrite the seeding set off, then compacts once more: no fork during the measured requests. */
async function settleAof({ store }: Parameters<Figure>[0]): Promise<void> {
  const rewriting = async () => /aof_rewrite_(in_progress|scheduled):1/.test(await store.redis.info('persistence'));
  const deadline = Date.now() + AOF_WAIT_MS;
  while (await rewriting()) {
    if (Date.now() > deadline) throw new Error('the AOF rewrite after seeding took too long');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!/aof_enabled:1/.test(await store.redis.info('persistence'))) return;
  await store.redis.bgrewriteaof();
  await new Promise((resolve) => setTimeout(resolve, 200));
  while (await rewriting()) {
    if (Date.now() > deadline) throw new Error('the AOF rewrite after seeding took too long');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Where an order's bytes go: sampled order hashes and histories, the shards' event streams and indexes over the order count. */
async function memoryBreakdown({ store }: Parameters<Figure>[0], count: number): Promise<Record<string, number>> {
  const redis = store.redis;
  const ids: string[] = [];
  for (const shard of ALL_SHARDS) {
    const members = await redis.zrandmember(storeKeys.indexAll(shard), 20);
    ids.push(...(members as unknown as string[]).map((member) => member.slice(member.indexOf(':') + 1)));
  }
  const usage = async (key: string) => Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
  const average = async (keys: string[]) => (await Promise.all(keys.map(usage))).reduce((a, b) => a + b, 0) / keys.length;
  const docs = await Promise.all(ids.map((id) => redis.hstrlen(storeKeys.order(id), 'doc')));
  const perShard = async (keysOf: (shard: string) => string[]) => {
    let total = 0;
    for (const shard of ALL_SHARDS) for (const key of keysOf(shard)) total += await usage(key);
    return total / count;
  };
  return {
    'order hash': await average(ids.map((id) => storeKeys.order(id))),
    'of which doc JSON': docs.reduce((a, b) => a + b, 0) / docs.length,
    history: await average(ids.map((id) => storeKeys.history(id))),
    events: await perShard((shard) => [storeKeys.events(shard)]),
    'indexes (all, channel, status, attention)': await perShard((shard) => [
      storeKeys.indexAll(shard),
      ...CHANNELS.map((channel) => storeKeys.indexChannel(shard, channel)),
      ...ORDER_STATUSES.map((status) => storeKeys.indexStatus(shard, status)),
      storeKeys.indexAttention(shard),
    ]),
    'updatedAt index': await perShard((shard) => [storeKeys.indexUpdated(shard)]),
  };
}
