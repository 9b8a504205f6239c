import { Injectable, Logger } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { RemoteSystemName, StepJobData } from '@app/queues';
import { OrderRepository } from '@app/store';
import { MeteredWorkerHost } from '../metrics/metered-worker-host';
import { QueueMetricsRecorder } from '../metrics/queue-metrics.recorder';
import { RateLimitWait } from '../rate-limit/rate-limit-wait';
import { classifyFailure } from './failure-policy';
import { OrderEffects } from './order-effects';
import { StepFollowUps } from './step-follow-ups';
import { StepResult } from './step-handler';
import { StepHandlerRegistry } from './step-handlers.registry';
import { SystemSlots } from './system-slots';

/**
 * Runs step jobs of one external system's queue (subclasses only pick the
 * queue, its concurrency and its rate limit). The remote call waits for one
 * of the system's slots in this process, which direct steps share (see
 * DirectStep). A step that already saved its effect (crash after the save)
 * is not run again; on success the command's next step is queued under a
 * deterministic id; failures follow `classifyFailure`.
 */
@Injectable() // emits the constructor's parameter types, which the undecorated subclasses inherit
export abstract class StepProcessor extends MeteredWorkerHost {
  private readonly logger = new Logger(this.constructor.name);
  /** The system this processor's queue calls. */
  protected abstract readonly system: RemoteSystemName;

  constructor(
    private readonly handlers: StepHandlerRegistry,
    private readonly orders: OrderRepository,
    private readonly effects: OrderEffects,
    private readonly followUps: StepFollowUps,
    private readonly slots: SystemSlots,
    protected readonly metrics: QueueMetricsRecorder,
    private readonly waits: RateLimitWait = new RateLimitWait(),
  ) {
    super();
  }

  async process(job: Job<StepJobData>): Promise<StepResult> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new UnrecoverableError(`unknown job name "${job.name}" on ${job.queueName}`);
    const data = job.data;
    let result: StepResult;
    // Only a step that started before can have saved its effect (replays keep their started count; a
    // step handed over by its intake job after running there is `resumed`).
    const firstAttempt = job.attemptsStarted <= 1 && !data.resumed;
    if (!firstAttempt && (await this.effects.alreadyApplied(data.orderId, job.id!))) {
      const order = handler.resumeResult ? await this.orders.get(data.orderId) : null;
      result = { alreadyApplied: true, ...(order ? handler.resumeResult!(order) : {}) };
    } else {
      // The order is read once the slot is there: the wait may be long, and the step must judge the order as it is.
      result = await this.slots.run(this.system, async () => {
        const order = await this.orders.get(data.orderId);
        if (!order) throw new UnrecoverableError(`order ${data.orderId} not found`);
        try {
          return await handler.run({ jobId: job.id!, data, order, firstAttempt });
        } catch (error) {
          throw await this.failure(job, error);
        }
      });
    }
    return { ...result, ...(await this.followUps.queue(data, result)) };
  }

  /** Turns a handler error into what BullMQ should do with the job. */
  private async failure(job: Job<StepJobData>, error: unknown): Promise<Error> {
    const message = error instanceof Error ? error.message : String(error);
    const context = { jobId: job.id!, data: job.data };
    switch (classifyFailure(error)) {
      case 'rate_limited': {
        const waitMs = this.waits.of((error as { retryAfterMs: number }).retryAfterMs);
        this.logger.warn(`${job.queueName} rate-limited for ${waitMs} ms`);
        await this.worker.rateLimit(waitMs);
        this.metrics.rateLimited(job.queueName);
        return Worker.RateLimitError();
      }
      case 'refused':
        await this.effects.flag(context, 'command_failed', message, { step: job.name, jobId: job.id });
        return new UnrecoverableError(message);
      case 'refused_flagged':
      case 'not_applicable':
        return new UnrecoverableError(message);
      case 'transient': {
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (lastAttempt) await this.effects.flag(context, 'command_failed', `gave up after ${job.attemptsMade + 1} attempts: ${message}`, { step: job.name, jobId: job.id });
        return error instanceof Error ? error : new Error(message);
      }
    }
  }
}
