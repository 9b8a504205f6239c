import { join } from 'node:path';
import autocannon from 'autocannon';
import { runAlternating, Sample } from '../support/ab-rounds';
import { Figure } from '../support/bench-context';
import { spawnNode, waitForLog } from '../support/child-processes';
import { startCpuMeter } from '../support/cpu-meter';
import { FigureRow, ratioRow } from '../support/figure-row';
import { freePort } from '../../test/support/redis-server';
import { ingestFulfillable } from '../support/fulfillable-orders';
import { BENCH_API_KEY, cpuProfileArgs } from '../support/gateway-stack';
import { seedCountFor } from '../support/sandbox-control';
import { median } from '../support/stats';

const MIN_RATIO = 0.6;
const MAX_P99_MS = 25;

/**
 * `GET /v1/orders/{id}` under load (autocannon in the harness, N
 * connections, D seconds per round) against the api process, vs a bare
 * Fastify process reading the same key with ioredis. One order, the same
 * for both: the figure is about the request path, not the data.
 */
export const restReads: Figure = async (context) => {
  const { config, stack, store, sandbox, log } = context;
  let id = await store.anyOrderId();
  if (!id) {
    await sandbox.seedJoom(seedCountFor(1), 9_001);
    [{ id }] = await ingestFulfillable(store, stack.sandboxUrl, 1);
  }
  const port = await freePort();
  const bare = spawnNode({
    name: 'bare-read-server',
    nodeArgs: ['--import', 'tsx', ...cpuProfileArgs(config, 'bare-read')],
    script: join(config.root, 'bench', 'baselines', 'bare-read-server.ts'),
    env: { PORT: String(port), REDIS_URL: config.redisUrl },
    cwd: config.root,
    logDir: config.workDir,
  });
  try {
    await waitForLog(bare, /listening/);
    const load = (url: string, headers: Record<string, string>) => async (): Promise<Sample> => {
      const cpu = startCpuMeter({ ...context.pids(), bare: bare.pid });
      const result = await autocannon({ url, connections: config.connections, duration: config.durationS, headers });
      const failures = result.errors + result.timeouts + result.non2xx;
      if (failures > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
      return { value: result.requests.average, detail: { p99: result.latency.p99, p50: result.latency.p50, total: result.requests.total, ...cpu() } };
    };
    const result = await runAlternating(
      'reads',
      config.rounds,
      {
        gateway: load(`${stack.apiUrl}/v1/orders/${id}`, { Authorization: `Bearer ${BENCH_API_KEY}` }),
        bare: load(`http://127.0.0.1:${port}/v1/orders/${id}`, {}),
      },
      log,
    );
    const p99 = {
      gateway: median(result.rounds.gateway.map((s) => Number(s.detail!.p99))),
      bare: median(result.rounds.bare.map((s) => Number(s.detail!.p99))),
    };
    const setup = `autocannon, ${config.connections} connections, ${config.durationS} s per round, GET /v1/orders/${id} with a Bearer key; api LOG_LEVEL=${config.logLevel}`;
    const p99Row: FigureRow = {
      figure: 'REST read p99',
      unit: 'ms',
      gateway: p99.gateway,
      bare: p99.bare,
      ratio: p99.gateway / p99.bare,
      goal: `≤ ${MAX_P99_MS} ms`,
      pass: p99.gateway <= MAX_P99_MS,
      samples: { gateway: result.rounds.gateway.map((s) => Number(s.detail!.p99)), bare: result.rounds.bare.map((s) => Number(s.detail!.p99)) },
      notes: [`median of the rounds' p99 latency; ${setup}`],
    };
    return [ratioRow('REST reads', 'req/s', result, MIN_RATIO, [setup, 'bare = Fastify + ioredis HGET of the same key in its own process, raw document, no auth']), p99Row];
  } finally {
    await bare.stop();
  }
};
