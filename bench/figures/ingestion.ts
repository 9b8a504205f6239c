import { Queue } from 'bullmq';
import { SYNC_QUEUES } from '@app/queues';
import { BARE_INGEST_PREFIX, bareIngest } from '../baselines/bare-ingest-loop';
import { Sample, runAlternating } from '../support/ab-rounds';
import { BenchContext, Figure, pollUntil } from '../support/bench-context';
import { startCpuMeter } from '../support/cpu-meter';
import { ratioRow } from '../support/figure-row';
import { JOOM_PAGE } from '../support/fulfillable-orders';
import { gatewayQueue } from '../support/gateway-queues';
import { BENCH_API_KEY } from '../support/gateway-stack';
import { deleteMatching } from '../support/gateway-store';

const MIN_RATIO = 0.5;
const SEED = 4_242;

/**
 * Orders per second from sandbox pages into Redis. The sandbox is seeded once
 * (the same N Joom v3 orders for every round; reading changes nothing there).
 * Gateway: the real sync path on the running api + worker — `POST
 * /v1/channels/joom/sync`, timed until the store's Joom index holds N orders.
 * Before each gateway round every order key, index, event stream and the sync
 * cursor are deleted (the queues and processes stay up), so each round
 * creates N orders from scratch. Bare: `bareIngest`, its keys deleted after
 * each round.
 */
export const ingestion: Figure = async (context) => {
  const { config, sandbox, log } = context;
  await sandbox.seedJoom(config.orders, SEED);
  log(`ingestion: ${config.orders} Joom v3 orders seeded`);
  const syncQueue = gatewayQueue(config.redisUrl, SYNC_QUEUES.joom);
  try {
    await waitForIdleSync(syncQueue);
    const result = await runAlternating(
      'ingestion',
      config.rounds,
      {
        gateway: () => gatewayRound(context, syncQueue),
        bare: () => bareRound(context),
      },
      log,
    );
    return [
      ratioRow('ingestion', 'orders/s', result, MIN_RATIO, [
        `N = ${config.orders} seeded Joom v3 orders; gateway = POST /v1/channels/joom/sync until the store holds N (store, sync cursor deleted before each round)`,
        `bare = GET orders/multi?limit=${JOOM_PAGE} page by page + one Redis pipeline of SETs (raw JSON) per page, in the harness process`,
      ]),
    ];
  } finally {
    await syncQueue.close();
  }
};

async function gatewayRound(context: BenchContext, syncQueue: Queue): Promise<Sample> {
  const { config, store, stack } = context;
  await store.deleteAllOrders();
  const cpu = startCpuMeter(context.pids());
  const started = performance.now();
  await requestSync(stack.apiUrl);
  let lastIdleCheck = Date.now();
  await pollUntil(
    `${config.orders} orders stored`,
    async () => {
      if ((await store.countChannel('joom')) >= config.orders) return true;
      // One run reads at most MAX_PAGES_PER_RUN pages; a bigger BENCH_ORDERS needs the next run, as the scheduler would start it.
      if (Date.now() - lastIdleCheck > 1_000) {
        lastIdleCheck = Date.now();
        if (await isIdle(syncQueue)) await requestSync(stack.apiUrl);
      }
      return false;
    },
    300_000,
    20,
  );
  const seconds = (performance.now() - started) / 1000;
  const used = cpu();
  // The run saves its cursor after the last page: let it finish, or the next round's delete could be followed by a stale cursor.
  await waitForIdleSync(syncQueue);
  return { value: config.orders / seconds, detail: { seconds: seconds.toFixed(2), ...used } };
}

async function bareRound(context: BenchContext): Promise<Sample> {
  const { config, store, stack } = context;
  const cpu = startCpuMeter(context.pids());
  const started = performance.now();
  const written = await bareIngest(config.redisUrl, stack.sandboxUrl);
  const seconds = (performance.now() - started) / 1000;
  const used = cpu();
  if (written !== config.orders) throw new Error(`bare ingest wrote ${written} orders, ${config.orders} seeded`);
  await deleteMatching(store.redis, [`${BARE_INGEST_PREFIX}*`]);
  return { value: written / seconds, detail: { seconds: seconds.toFixed(2), ...used } };
}

async function requestSync(apiUrl: string): Promise<void> {
  const response = await fetch(`${apiUrl}/v1/channels/joom/sync`, { method: 'POST', headers: { Authorization: `Bearer ${BENCH_API_KEY}` } });
  if (response.status !== 202) throw new Error(`POST /v1/channels/joom/sync → ${response.status}: ${await response.text()}`);
}

async function isIdle(queue: Queue): Promise<boolean> {
  // Not 'delayed': the hourly job scheduler always keeps its next run there.
  const counts = await queue.getJobCounts('active', 'waiting', 'prioritized');
  return Object.values(counts).every((count) => count === 0);
}

async function waitForIdleSync(queue: Queue): Promise<void> {
  await pollUntil('the Joom sync to finish', () => isIdle(queue), 120_000, 50);
}
