import { Queue } from 'bullmq';
import { COMMAND_JOB_OPTIONS, ORDER_COMMANDS_QUEUE, SYSTEM_QUEUES } from '@app/queues';
import { Sample, runAlternating } from '../support/ab-rounds';
import { BareCommandSide } from '../support/bare-command-side';
import { BenchContext, Figure } from '../support/bench-context';
import { commandCostNote, startCommandCpuMeter } from '../support/command-cost';
import { assertStoredShipped, CommandRounds, describeLimiter, failedCount, limiterNote, planCommandRounds, shippedOrFailed } from '../support/command-rounds';
import { ratioRow } from '../support/figure-row';
import { BENCH_CARRIER, ingestFulfillable, listFulfillableExternalIds } from '../support/fulfillable-orders';
import { gatewayQueue } from '../support/gateway-queues';
import { seedCountFor } from '../support/sandbox-control';
import { TransitionWatcher } from '../support/transition-watcher';

const MIN_RATIO = 0.7;
/** The processes whose CPU per command the table reports for this figure. */
const COSTED = ['worker', 'redis', 'sandbox'];

/**
 * Fulfill commands through the queue intake, end to end. Each round seeds
 * the sandbox with its own seed (fresh approved orders, so every fulfil is
 * a real one, and order ids never repeat in the store). Gateway: the orders
 * are ingested first (not timed); the clock runs from adding N `fulfill`
 * jobs (mode tracking) to the public `order-commands` queue — the
 * contract's queue intake, i.e. accepted — until all N orders are `shipped`
 * in the store (seen on the order-events streams, written atomically with
 * the order; checked in the store after the clock stops). Bare: the clock
 * runs from adding N jobs to the bare BullMQ worker's queue until N
 * completed (one fulfil call each).
 */
export const commandThroughput: Figure = async (context) => {
  const { config, log } = context;
  const plan = await planCommandRounds(context);
  log(`commands: ${plan.n} per round; Joom step queue concurrency ${plan.concurrency}, limiter ${describeLimiter(plan.limiter)}`);
  const intake = gatewayQueue(config.redisUrl, ORDER_COMMANDS_QUEUE);
  const steps = gatewayQueue(config.redisUrl, SYSTEM_QUEUES.joom);
  const bare = await BareCommandSide.start(context, plan.concurrency, false);
  try {
    const result = await runAlternating(
      'commands',
      config.rounds,
      {
        gateway: (round) => gatewayRound(context, plan, intake, [intake, steps], 7_000 + round),
        bare: (round) => bareRound(context, plan, bare, 7_000 + round),
      },
      log,
    );
    const notes = [
      `N = ${plan.n} fulfill commands (mode tracking, carrier ${BENCH_CARRIER}) per round; accepted = jobs added to \`${ORDER_COMMANDS_QUEUE}\` (queue intake), done = all N orders \`shipped\` in the store (watched on the \`order-events\` streams the save script writes with each order; the store is checked after the clock stops)`,
      `bare = BullMQ Worker in its own process, concurrency ${plan.concurrency} (the gateway's Joom step queue), one POST /api/v3/orders/fulfill per job, no limiter`,
      commandCostNote(result, COSTED),
    ];
    const limited = limiterNote(plan, result.median.gateway);
    if (limited) notes.push(limited);
    return [ratioRow('command throughput (queue)', 'commands/s', result, MIN_RATIO, notes)];
  } finally {
    await Promise.all([bare.close(), intake.close(), steps.close()]);
  }
};

async function gatewayRound(context: BenchContext, plan: CommandRounds, intake: Queue, watched: Queue[], seed: number): Promise<Sample> {
  const { store, sandbox, stack } = context;
  const { n } = plan;
  await sandbox.seedJoom(seedCountFor(n), seed);
  const orders = await ingestFulfillable(store, stack.sandboxUrl, n);
  const failedBefore = await failedCount(watched);

  const watcher = await TransitionWatcher.open(store.redis);
  try {
    const cpu = startCommandCpuMeter(context.pids());
    const started = performance.now();
    for (let i = 0; i < n; i += 1_000) {
      const chunk = orders.slice(i, i + 1_000);
      await intake.addBulk(
        chunk.map((order, j) => ({
          name: 'fulfill',
          data: { mode: 'tracking', carrier: BENCH_CARRIER, trackingNumber: `BN${seed}${i + j}`, orderId: order.id, requestedBy: 'bench' },
          opts: COMMAND_JOB_OPTIONS,
        })),
      );
    }
    const acceptedMs = performance.now() - started;
    const ids = orders.map((order) => order.id);
    await shippedOrFailed(watcher, ids, plan, watched, failedBefore, stack.worker.logFile);
    const seconds = (performance.now() - started) / 1000;
    const usage = cpu(n);
    await assertStoredShipped(store, ids);
    return { value: n / seconds, detail: { seconds: seconds.toFixed(2), acceptedMs: acceptedMs.toFixed(0), ...usage } };
  } finally {
    watcher.close();
  }
}

async function bareRound(context: BenchContext, plan: CommandRounds, bare: BareCommandSide, seed: number): Promise<Sample> {
  const { sandbox, stack } = context;
  const { n } = plan;
  await sandbox.seedJoom(seedCountFor(n), seed);
  const externalIds = await listFulfillableExternalIds(stack.sandboxUrl, n);
  const before = await bare.completed();
  const cpu = startCommandCpuMeter(bare.pids(context));
  const started = performance.now();
  await bare.enqueue(externalIds, String(seed));
  const acceptedMs = performance.now() - started;
  await bare.waitFor(before, n, plan.timeoutMs);
  const seconds = (performance.now() - started) / 1000;
  return { value: n / seconds, detail: { seconds: seconds.toFixed(2), acceptedMs: acceptedMs.toFixed(0), ...cpu(n) } };
}
