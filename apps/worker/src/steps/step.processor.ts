import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import type { Logger as PinoLogger } from 'pino';
import { RemoteRequestScope, withRemoteRequestScope } from '@app/adapters';
import { activeTraceparent, BUILT_LINE_LOGGER, traceIdOf } from '@app/common';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { circuitOf, InvalidCommandJobError, leaseHolder, MAIN_ACCOUNT, RemoteSystemName, StepJobData, traceJob } from '@app/queues';
import { OrderNotFoundError, OrderRepository } from '@app/store';
import { RemoteAuthWatch } from '../adapters/remote-auth-watch';
import { CircuitBreaker } from '../circuit/circuit-breaker';
import { MeteredWorkerHost } from '../metrics/metered-worker-host';
import { QueueMetricsRecorder } from '../metrics/queue-metrics.recorder';
import { RateLimitWait } from '../rate-limit/rate-limit-wait';
import { classifyFailure, failureMessage, refusedForGood } from './failure-policy';
import { OrderEffects } from './order-effects';
import { QueuedCommands } from './queued-commands';
import { StepFollowUps } from './step-follow-ups';
import { LeaseToEnd, StepResult } from './step-handler';
import { StepHandlerRegistry } from './step-handlers.registry';

/**
 * Runs the jobs of one external system's queue (subclasses only pick the
 * queue). Each job is one call of a command: validated when it starts, then
 * run by its step's handler against the order as stored now. A step that
 * already saved its effect (crash after the save) is not run again; on
 * success the command's next step is queued (StepFollowUps); failures follow
 * `classifyFailure`. A command job a producer added to this queue directly
 * is planned first (QueuedCommands). While the system's circuit is open
 * (CircuitBreaker) every job goes back to waiting without using an attempt.
 */
@Injectable() // emits the constructor's parameter types, which the undecorated subclasses inherit
export abstract class StepProcessor extends MeteredWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(this.constructor.name);
  /** The step line's unredacted logger (`builtLineLogger`); absent where no GatewayLoggerModule runs (unit specs), then `logger`. */
  @Optional() @Inject(BUILT_LINE_LOGGER) private readonly builtLines?: PinoLogger;
  /** The system this processor's queue calls. */
  protected abstract readonly system: RemoteSystemName;
  /** The account whose queue this is (docs/api-decisions.md AC-3); Flexport's serves every order. */
  protected readonly account: string = MAIN_ACCOUNT;

  constructor(
    private readonly handlers: StepHandlerRegistry,
    private readonly orders: OrderRepository,
    private readonly effects: OrderEffects,
    private readonly followUps: StepFollowUps,
    private readonly commands: QueuedCommands,
    protected readonly metrics: QueueMetricsRecorder,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly authWatch: RemoteAuthWatch,
    private readonly circuit: CircuitBreaker,
    private readonly waits: RateLimitWait = new RateLimitWait(),
  ) {
    super();
  }

  /** Each worker runs as many of the system's steps at once as the queue's global cap allows in all (SystemLimits). */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.stepConcurrency[this.system];
  }

  /** The circuit this queue's steps share: the system's, or for another account its own (AC-3). */
  private get circuitName() {
    return circuitOf(this.system, this.account);
  }

  /** With tracing on, the job runs in a consumer span continuing the trace that added it (traceJob). */
  process(job: Job): Promise<StepResult> {
    return traceJob(job, () => this.processJob(job));
  }

  private async processJob(job: Job): Promise<StepResult> {
    const admission = await this.circuit.admit(this.circuitName, job.id!);
    if (admission.kind === 'hold') throw await this.hold(admission.waitMs);
    try {
      // The calls the step makes record their remote request ids in this scope; its log line reads them.
      return await withRemoteRequestScope((calls) => this.processAdmitted(job, admission.probe, calls));
    } finally {
      await this.circuit.release(this.circuitName, admission.probe);
    }
  }

  /** `probe`: this job is the one probing the system's half-open circuit; `calls`: what its remote calls answered. */
  private async processAdmitted(job: Job, probe: string | null, calls: RemoteRequestScope): Promise<StepResult> {
    const startedAt = Date.now();
    const adopted = await this.commands.adopt(job).catch((error: unknown) => {
      throw refusedForGood(error);
    });
    if (adopted.forwarded) return adopted.forwarded;
    const data = traced(adopted.data);
    const holder = leaseHolder(job.queueName, job.id!);
    // A command's last step frees the order with the save of its effect: one script call, not two.
    const lease: LeaseToEnd | undefined = data.command !== undefined && data.index === data.plan.length - 1 ? { holder, released: false } : undefined;
    let result: StepResult;
    try {
      result = await this.run(job, data, lease);
      if (!result.alreadyApplied) {
        await this.authWatch.succeeded(this.system, this.account);
        await this.circuit.answered(this.circuitName, probe);
      }
    } catch (error) {
      await this.authWatch.failed(error, this.account);
      // The system is down: the step waits with the rest of its queue, its attempts kept for failures of its own.
      const heldMs = await this.circuit.failed(this.circuitName, error, probe, startedAt);
      if (heldMs !== null) {
        this.logStep(job, data, 'held', startedAt, calls, failureMessage(error));
        throw await this.hold(heldMs);
      }
      const failure = await this.failure(job, data, error);
      this.logStep(job, data, failure.final ? 'failed' : 'retrying', startedAt, calls, failureMessage(error));
      if (failure.final) await this.followUps.abandon(data, holder);
      throw failure.error;
    }
    const finished = { ...result, ...(await this.followUps.queue(data, result, holder, this.system === 'flexport' ? undefined : this.account, lease?.released)) };
    this.logStep(job, data, result.alreadyApplied ? 'already_applied' : 'completed', startedAt, calls);
    return finished;
  }

  /**
   * One info line per step attempt — the command, order, system, outcome and
   * duration, under the command's correlationId (and its trace id, when
   * traced) — so a command can be followed from the api's 202 through each
   * of its calls. `remoteRequestId` is the id the system answered the
   * step's last call with (RemoteRequestScope), for a system that documents
   * one (Flexport's `x-correlation-id`); for Joom and Akinon, which document
   * none, the field is left out. A line without an error holds only fields built here and
   * is written unredacted (the same line Nest's logger writes, `context`
   * first); one with an error message from elsewhere goes through the
   * redacting logger.
   */
  private logStep(job: Job, data: StepJobData, outcome: 'completed' | 'already_applied' | 'retrying' | 'failed' | 'held', startedAt: number, calls: RemoteRequestScope, error?: string): void {
    const line = {
      msg: `step ${outcome}`,
      step: stepOf(job, data),
      command: data.command ?? null,
      orderId: data.orderId,
      system: this.system,
      jobId: job.id,
      attempt: job.attemptsStarted,
      outcome,
      durationMs: Date.now() - startedAt,
      ...(calls.requestId !== undefined ? { remoteRequestId: calls.requestId } : {}),
      correlationId: data.correlationId ?? null,
      ...(data.traceparent ? { traceId: traceIdOf(data.traceparent) } : {}),
      ...(error ? { error } : {}),
    };
    if (outcome === 'failed') this.logger.warn(line);
    else if (this.builtLines && !error) this.builtLines.info({ context: this.constructor.name, ...line });
    else this.logger.log(line);
  }

  private async run(job: Job, data: StepJobData, lease?: LeaseToEnd): Promise<StepResult> {
    const step = stepOf(job, data);
    const handler = this.handlers.get(step)!;
    if (data.plan.length > 0 && data.plan[data.index].system !== this.system) {
      throw new InvalidCommandJobError(`step ${step} calls ${data.plan[data.index].system}, not ${this.system}: add it to ${data.plan[data.index].system}'s queue`);
    }
    // Only a step that started before can have saved its effect (replays keep their started count).
    const firstAttempt = job.attemptsStarted <= 1;
    if (!firstAttempt && (await this.effects.alreadyApplied(data.orderId, job.id!))) {
      const order = handler.resumeResult ? await this.orders.get(data.orderId) : null;
      return { alreadyApplied: true, ...(order ? handler.resumeResult!(order) : {}) };
    }
    const order = await this.orders.get(data.orderId);
    if (!order) throw new OrderNotFoundError(data.orderId);
    return handler.run({ jobId: job.id!, data, order, firstAttempt, ...(lease ? { lease } : {}) });
  }

  /**
   * Pauses the system's queue for every worker and puts the job back to
   * waiting without using an attempt (BullMQ's rate limit: `worker.rateLimit`
   * + RateLimitError). A step that timed out may have acted remotely: its next
   * start is not its first (`attemptsStarted` counts this one), so it reads first.
   */
  private async hold(waitMs: number): Promise<Error> {
    await this.worker.rateLimit(Math.max(1, Math.round(waitMs)));
    return Worker.RateLimitError();
  }

  /** Turns a handler error into what BullMQ should do with the job, and whether the command ends here. */
  private async failure(job: Job, data: StepJobData, error: unknown): Promise<{ error: Error; final: boolean }> {
    const message = failureMessage(error);
    const context = { jobId: job.id!, data };
    switch (classifyFailure(error)) {
      case 'rate_limited': {
        const waitMs = this.waits.of((error as { retryAfterMs: number }).retryAfterMs);
        this.logger.warn(`${job.queueName} rate-limited for ${waitMs} ms`);
        await this.worker.rateLimit(waitMs);
        this.metrics.rateLimited(job.queueName);
        return { error: Worker.RateLimitError(), final: false };
      }
      case 'refused':
        await this.effects.flag(context, 'command_failed', message, { step: stepOf(job, data), jobId: job.id });
        return { error: new UnrecoverableError(message), final: true };
      case 'refused_flagged':
      case 'not_applicable':
        return { error: new UnrecoverableError(message), final: true };
      case 'transient': {
        const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (final) await this.effects.flag(context, 'command_failed', `gave up after ${job.attemptsMade + 1} attempts: ${message}`, { step: stepOf(job, data), jobId: job.id });
        return { error: new Error(message), final };
      }
    }
  }
}

/**
 * A job that came without trace context (a producer's command job, adopted
 * here) takes its own span's, so its history entries and log lines name the
 * trace it started. Unchanged with tracing off.
 */
function traced(data: StepJobData): StepJobData {
  if (data.traceparent) return data;
  const traceparent = activeTraceparent();
  return traceparent ? { ...data, traceparent } : data;
}

/** The step a job runs: its name, or the plan entry a command job added here directly became. */
function stepOf(job: Job, data: StepJobData): string {
  return data.plan[data.index]?.step ?? job.name;
}
