import { Queue } from 'bullmq';
import { ORDER_COMMANDS_QUEUE, SYSTEM_QUEUES } from '@app/queues';
import { Sample, runAlternating } from '../support/ab-rounds';
import { BareCommandSide } from '../support/bare-command-side';
import { BenchContext, Figure } from '../support/bench-context';
import { commandCostNote, startCommandCpuMeter } from '../support/command-cost';
import { assertStoredShipped, CommandRounds, describeLimiter, failedCount, limiterNote, planCommandRounds, shippedOrFailed } from '../support/command-rounds';
import { ratioRow } from '../support/figure-row';
import { BENCH_CARRIER, ingestFulfillable, listFulfillableExternalIds } from '../support/fulfillable-orders';
import { gatewayQueue } from '../support/gateway-queues';
import { BENCH_API_KEY } from '../support/gateway-stack';
import { CommandRequest, postCommands } from '../support/post-commands';
import { seedCountFor } from '../support/sandbox-control';
import { TransitionWatcher } from '../support/transition-watcher';

const MIN_RATIO = 0.8;
/** The processes whose CPU per command the table reports for this figure. */
const COSTED = ['api', 'worker', 'redis', 'sandbox'];

/**
 * Fulfill commands over REST, as internal services send them, end to end.
 * Each round seeds the sandbox with its own seed (fresh approved orders).
 * Gateway: the orders are ingested first (not timed); the clock runs from
 * the first of N `POST /v1/orders/{id}/fulfill` (mode tracking, the Bearer
 * key; at most BENCH_CONNECTIONS in flight) until all N orders are
 * `shipped` in the store (seen on the order-events streams, checked in the
 * store after the clock stops). Only the public REST API, the public queues'
 * failed counts and the store are read: how the worker runs a command is
 * not the bench's business. Bare: the same POSTs to a Fastify route (its own
 * process) that adds one job to the bare BullMQ worker's queue; the clock
 * stops when N completed (one fulfil call each).
 */
export const restCommands: Figure = async (context) => {
  const { config, log } = context;
  const plan = await planCommandRounds(context);
  log(`rest-commands: ${plan.n} per round, ${config.connections} in flight; Joom step queue concurrency ${plan.concurrency}, limiter ${describeLimiter(plan.limiter)}`);
  const watched = [gatewayQueue(config.redisUrl, ORDER_COMMANDS_QUEUE), gatewayQueue(config.redisUrl, SYSTEM_QUEUES.joom)];
  const bare = await BareCommandSide.start(context, plan.concurrency, true);
  try {
    const result = await runAlternating(
      'rest-commands',
      config.rounds,
      {
        gateway: (round) => gatewayRound(context, plan, watched, 7_500 + round),
        bare: (round) => bareRound(context, plan, bare, 7_500 + round),
      },
      log,
    );
    const notes = [
      `N = ${plan.n} \`POST /v1/orders/{id}/fulfill\` (mode tracking, carrier ${BENCH_CARRIER}, Bearer key) per round, ${config.connections} in flight over keep-alive connections; accepted = every request answered 202, done = all N orders \`shipped\` in the store (watched on the \`order-events\` streams; the store is checked after the clock stops)`,
      `bare = Fastify route in its own process adding one job per POST (no auth, no validation, no order read) + the bare BullMQ Worker in its own process, concurrency ${plan.concurrency}, one POST /api/v3/orders/fulfill per job`,
      commandCostNote(result, COSTED),
    ];
    const limited = limiterNote(plan, result.median.gateway);
    if (limited) notes.push(limited);
    return [ratioRow('command throughput (REST)', 'commands/s', result, MIN_RATIO, notes)];
  } finally {
    await Promise.all([bare.close(), ...watched.map((queue) => queue.close())]);
  }
};

const fulfillBody = (seed: number, i: number) => ({ mode: 'tracking', carrier: BENCH_CARRIER, trackingNumber: `BR${seed}${i}` });

async function gatewayRound(context: BenchContext, plan: CommandRounds, watched: Queue[], seed: number): Promise<Sample> {
  const { config, store, sandbox, stack } = context;
  const { n } = plan;
  await sandbox.seedJoom(seedCountFor(n), seed);
  const orders = await ingestFulfillable(store, stack.sandboxUrl, n);
  const requests: CommandRequest[] = orders.map((order, i) => ({ path: `/v1/orders/${encodeURIComponent(order.id)}/fulfill`, body: fulfillBody(seed, i) }));
  const ids = orders.map((order) => order.id);
  const failedBefore = await failedCount(watched);

  const watcher = await TransitionWatcher.open(store.redis);
  try {
    const cpu = startCommandCpuMeter(context.pids());
    const started = performance.now();
    // The watcher runs while the requests are in flight: orders ship before the last POST is answered.
    const posted = postCommands(stack.apiUrl, requests, { Authorization: `Bearer ${BENCH_API_KEY}` }, config.connections).then(() => performance.now() - started);
    const [acceptedMs] = await Promise.all([posted, shippedOrFailed(watcher, ids, plan, watched, failedBefore, stack.worker.logFile)]);
    const seconds = (performance.now() - started) / 1000;
    const usage = cpu(n);
    await assertStoredShipped(store, ids);
    return { value: n / seconds, detail: { seconds: seconds.toFixed(2), acceptedMs: acceptedMs.toFixed(0), ...usage } };
  } finally {
    watcher.close();
  }
}

async function bareRound(context: BenchContext, plan: CommandRounds, bare: BareCommandSide, seed: number): Promise<Sample> {
  const { config, sandbox, stack } = context;
  const { n } = plan;
  await sandbox.seedJoom(seedCountFor(n), seed);
  const externalIds = await listFulfillableExternalIds(stack.sandboxUrl, n);
  const requests: CommandRequest[] = externalIds.map((id, i) => ({ path: `/v1/orders/${encodeURIComponent(id)}/fulfill`, body: fulfillBody(seed, i) }));
  const before = await bare.completed();
  const cpu = startCommandCpuMeter(bare.pids(context));
  const started = performance.now();
  const posted = postCommands(bare.server!.url, requests, {}, config.connections).then(() => performance.now() - started);
  const [acceptedMs] = await Promise.all([posted, bare.waitFor(before, n, plan.timeoutMs)]);
  const seconds = (performance.now() - started) / 1000;
  return { value: n / seconds, detail: { seconds: seconds.toFixed(2), acceptedMs: acceptedMs.toFixed(0), ...cpu(n) } };
}
