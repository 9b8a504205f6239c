import { Queue } from 'bullmq';
import { COMMAND_JOB_OPTIONS, ORDER_COMMANDS_QUEUE, SYSTEM_QUEUES } from '@app/queues';
import { Figure } from '../support/bench-context';
import { sleep } from '../support/child-processes';
import { FigureRow } from '../support/figure-row';
import { BENCH_CARRIER, ingestFulfillable } from '../support/fulfillable-orders';
import { gatewayQueue } from '../support/gateway-queues';
import { readMemory, RssSampler } from '../support/rss-sampler';
import { seedCountFor } from '../support/sandbox-control';

const MAX_RSS_MB = 250;
const CHUNK = 1_000;

/**
 * Peak RSS of a fresh worker process while M fulfill commands are queued on
 * `order-commands` (addBulk in chunks, while the worker runs) and it works
 * through them, sampled from /proc every 200 ms for at most the window, plus
 * the kernel's own high-water mark (VmHWM). The commands target K ready
 * orders, so each is a real one for the intake: validated, order read,
 * planned, step job queued on `commands-joom`, whose production rate limit
 * (the worker runs without the bench's JOOM_STEPS_PER_SECOND) then lets them
 * through at Joom's pace.
 */
export const workerMemory: Figure = async (context) => {
  const { config, stack, store, sandbox, log } = context;
  // The production step rate (JOOM_STEPS_PER_SECOND unset): Joom's quota keeps a burst of commands queued, which is the case to measure.
  const worker = await stack.restartWorker(['JOOM_STEPS_PER_SECOND']);
  await sandbox.seedJoom(seedCountFor(config.memoryOrders), 9_100);
  const orders = await ingestFulfillable(store, stack.sandboxUrl, config.memoryOrders);
  await sleep(2_000);
  const idleMb = readMemory(worker.pid)?.rssMb ?? NaN;
  log(`memory: fresh worker pid ${worker.pid} idle at ${idleMb.toFixed(0)} MB; queueing ${config.memoryCommands} commands over ${orders.length} orders`);

  const intake = gatewayQueue(config.redisUrl, ORDER_COMMANDS_QUEUE);
  const steps = gatewayQueue(config.redisUrl, SYSTEM_QUEUES.joom);
  try {
    const before = { intake: await finished(intake), steps: await finished(steps) };
    const sampler = new RssSampler(worker.pid, 200);
    const started = performance.now();
    for (let i = 0; i < config.memoryCommands; i += CHUNK) {
      const size = Math.min(CHUNK, config.memoryCommands - i);
      await intake.addBulk(
        Array.from({ length: size }, (_, j) => ({
          name: 'fulfill',
          data: { mode: 'tracking', carrier: BENCH_CARRIER, trackingNumber: `MEM${i + j}`, orderId: orders[(i + j) % orders.length].id, requestedBy: 'bench' },
          opts: COMMAND_JOB_OPTIONS,
        })),
      );
    }
    const enqueueSeconds = (performance.now() - started) / 1000;
    const deadline = started + config.memoryWindowS * 1000;
    while (performance.now() < deadline && (await waiting(intake)) > 0) await sleep(500);
    const windowSeconds = (performance.now() - started) / 1000;
    const { peakMb, hwmMb } = sampler.stop();

    const after = { intake: await finished(intake), steps: await finished(steps) };
    const intakeDone = after.intake.completed + after.intake.failed - before.intake.completed - before.intake.failed;
    const intakeRefused = after.intake.failed - before.intake.failed;
    const stepsDone = after.steps.completed + after.steps.failed - before.steps.completed - before.steps.failed;
    const stepsWaiting = await waiting(steps);
    const peak = Math.max(peakMb, hwmMb ?? 0);
    const doing =
      `queued ${config.memoryCommands} commands in ${enqueueSeconds.toFixed(1)} s; in ${windowSeconds.toFixed(0)} s the worker's intake finished ${intakeDone} ` +
      `(validate, read order, plan, add the step job: ${(intakeDone / windowSeconds).toFixed(0)}/s; ${intakeRefused} refused because an earlier step had shipped the order) ` +
      `and ran ${stepsDone} Joom step jobs; ${stepsWaiting} step jobs still queued`;
    log(`memory: ${doing}`);
    const row: FigureRow = {
      figure: 'worker peak RSS',
      unit: 'MB',
      gateway: peak,
      bare: null,
      ratio: null,
      goal: `≤ ${MAX_RSS_MB} MB`,
      pass: peak <= MAX_RSS_MB,
      details: { idleMb, sampledPeakMb: peakMb, vmHwmMb: hwmMb, enqueueSeconds, windowSeconds, intakeDone, intakeRefused, stepsDone, stepsWaiting, series: sampler.series },
      notes: [`fresh worker process with the production Joom step rate, max of 200 ms VmRSS samples and VmHWM; idle ${idleMb.toFixed(0)} MB; ${doing}`],
    };
    return [row];
  } finally {
    await Promise.all([intake.close(), steps.close()]);
  }
};

async function finished(queue: Queue): Promise<{ completed: number; failed: number }> {
  const counts = await queue.getJobCounts('completed', 'failed');
  return { completed: counts.completed, failed: counts.failed };
}

async function waiting(queue: Queue): Promise<number> {
  const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
  return counts.waiting + counts.active + counts.prioritized;
}
