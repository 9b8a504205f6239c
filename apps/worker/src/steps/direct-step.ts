import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { PlannedStep, SYSTEM_QUEUES } from '@app/queues';
import { QueueMetricsRecorder } from '../metrics/queue-metrics.recorder';
import { RateLimitWait } from '../rate-limit/rate-limit-wait';
import { classifyFailure } from './failure-policy';
import { OrderEffects } from './order-effects';
import { StepFollowUps } from './step-follow-ups';
import { StepContext, StepResult } from './step-handler';
import { StepHandlerRegistry } from './step-handlers.registry';
import { StepQueueAdmission } from './step-queue-admission';
import { SystemSlots } from './system-slots';

export type DirectOutcome =
  /** The step ran here, its effect is saved and its follow-ups queued; what it returned. */
  | { ran: true; result: StepResult }
  /**
   * The step goes to its queue: `started` when it ran here and failed in a
   * way a retry may fix (it may then have reached the remote system, so its
   * job must read before writing); `reason` says why, for the job's result.
   */
  | { ran: false; started: boolean; reason: string };

/**
 * At most this many direct steps at once, over all systems: half of the
 * intake's concurrency, so commands keep being routed while they run (a hung
 * call holds its intake job until the adapter's timeout).
 */
export const MAX_DIRECT_STEPS = 8;

/**
 * How long a direct step waits for a slot of its system before going to its
 * queue. A fast system frees one within milliseconds under full load, and
 * then nearly every command runs direct (handing off whenever the slots are
 * busy would send most of a backlog through the queue, since routing is far
 * quicker than a call). A slow or stuck system frees none in time, and its
 * commands go to its queue: an intake slot is never held longer than this
 * waiting, so other systems' commands keep being routed.
 */
export const DIRECT_SLOT_WAIT_MS = 50;

/**
 * The direct path: the intake job runs a command's only step itself instead
 * of queueing a step job, when the step's system has a slot in this process
 * within DIRECT_SLOT_WAIT_MS (SystemSlots) and its queue's rate limit has
 * room and it is not paused (StepQueueAdmission). It is the step job minus
 * one BullMQ job per command: the same handler, the same job id on the
 * history entries (`stepJobId(chain, 0)`), the same limits, the same failure
 * policy, except that a failure a retry may fix hands the step to its queue,
 * whose retries and backoff take over. Measured in `npm run bench` (README,
 * Benchmarks).
 */
@Injectable()
export class DirectStep {
  private readonly logger = new Logger(DirectStep.name);
  private running = 0;

  constructor(
    private readonly handlers: StepHandlerRegistry,
    private readonly slots: SystemSlots,
    private readonly admission: StepQueueAdmission,
    private readonly effects: OrderEffects,
    private readonly followUps: StepFollowUps,
    private readonly metrics: QueueMetricsRecorder,
    private readonly waits: RateLimitWait = new RateLimitWait(),
  ) {}

  /** Runs `planned` as its first attempt (`context.firstAttempt`), or says why it goes to its queue. */
  async run(planned: PlannedStep, context: StepContext): Promise<DirectOutcome> {
    const handler = this.handlers.get(planned.step);
    if (!handler) return { ran: false, started: false, reason: `no handler for ${planned.step} in this worker` };
    if (!(await this.slots.take(planned.system, DIRECT_SLOT_WAIT_MS))) return { ran: false, started: false, reason: `no free ${planned.system} slot` };
    // Counted once the slot is there: under load on one system the slots bind first, and waiting here would not help.
    if (this.running >= MAX_DIRECT_STEPS) {
      this.slots.release(planned.system);
      return { ran: false, started: false, reason: 'direct steps at their limit' };
    }
    this.running++;
    let result: StepResult;
    try {
      const admitted = await this.admission.admit(planned.system).catch((error: Error) => error);
      if (admitted !== true) {
        const reason = admitted instanceof Error ? `rate limit not readable: ${admitted.message}` : 'rate limit reached or queue paused';
        return { ran: false, started: false, reason };
      }
      result = await handler.run(context);
    } catch (error) {
      return await this.failure(planned, context, error);
    } finally {
      this.running--;
      this.slots.release(planned.system);
    }
    this.metrics.ranDirect(SYSTEM_QUEUES[planned.system]);
    return { ran: true, result: { ...result, ...(await this.followUps.queue(context.data, result)) } };
  }

  /** StepProcessor's policy for a first attempt, with "retry" meaning "hand the step to its queue". */
  private async failure(planned: PlannedStep, context: StepContext, error: unknown): Promise<DirectOutcome> {
    const message = error instanceof Error ? error.message : String(error);
    switch (classifyFailure(error)) {
      case 'rate_limited': {
        const waitMs = this.waits.of((error as { retryAfterMs: number }).retryAfterMs);
        this.logger.warn(`${SYSTEM_QUEUES[planned.system]} rate-limited for ${waitMs} ms`);
        await this.admission.throttle(planned.system, waitMs);
        this.metrics.rateLimited(SYSTEM_QUEUES[planned.system]);
        return { ran: false, started: true, reason: `rate_limited: ${message}` };
      }
      case 'transient':
        return { ran: false, started: true, reason: message };
      case 'refused':
        await this.effects.flag(context, 'command_failed', message, { step: planned.step, jobId: context.jobId });
        throw new UnrecoverableError(message);
      case 'refused_flagged':
      case 'not_applicable':
        throw new UnrecoverableError(message);
    }
  }
}
