import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Job, JobsOptions, Queue } from 'bullmq';
import { GATEWAY_CONFIG, GatewayConfig, profileFor } from '@app/config';
import { CanonicalOrder } from '@app/orders';
import { CommandLeases, OrderRepository } from '@app/store';
import { AccountQueues } from './account-queues';
import { assertCommandApplicable } from './command-applicability';
import { CommandInProgressError, IdempotencyKeyReusedError } from './command-errors';
import { commandFingerprint } from './command-job-options';
import { CommandBody } from './command-payloads';
import { PlannedStep, planCommand } from './command-plans';
import { enqueue } from './enqueue';
import { IdempotencyRecord, IdempotencyRecords } from './idempotency-records';
import { CommandName, MAIN_ACCOUNT, REMOTE_SYSTEMS, RemoteSystemName, SYSTEM_QUEUES } from './queue-names';
import { CommandStepData, StepJobData, stepJobId } from './step-jobs';

export interface CommandRequest {
  name: CommandName;
  orderId: string;
  /** The validated command body, without the target fields. */
  body: CommandBody;
  requestedBy: string;
  /** Carried by every step into history and logs (CommandStepData.correlationId). */
  correlationId?: string;
  /** Names the command's steps (`<chainId>-<n>`): from the idempotency key, or unique. */
  chainId: string;
  /**
   * Whether the chain may exist already — it comes from an idempotency key, or
   * the producer's job runs again after a crash — so it is looked up first.
   */
  mayExist: boolean;
  /**
   * The chain is named by an idempotency key: the key's record
   * (IdempotencyRecords) answers a repeat, whatever became of the jobs.
   */
  idempotent?: boolean;
}

export interface RoutedCommand {
  /** The first step's job: what the command's outcome is read from. */
  jobId: string;
  queue: string;
  plan: PlannedStep[];
  /** The chain existed: this request joined it and changed nothing. */
  joined: boolean;
}

/** The lease holder's "queue" while a hold is saved (`exclusively`): no queue has this name, so a crashed holder's lease is taken over after LEASE_GRACE_MS. */
const HOLD_LEASE_QUEUE = 'order-holds';

/** BullMQ states in which a job will still run. */
const PENDING_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * How long a lease counts as held whatever its job's state: the intake takes
 * it one call before it adds the job (which is then not there yet), and a
 * replay takes it one call before it moves the failed job back to waiting.
 */
const LEASE_GRACE_MS = 30_000;

/**
 * The one intake of every command, REST or queue: reads the order once,
 * checks the command fits it now (the state machine, the channel, the
 * lines), plans the calls, takes the order's command lease and adds the
 * first step to the queue of the system it calls. A command is one step job
 * per external call; its chain id makes a second add of the same command a
 * no-op (BullMQ keeps the first job of an id). A command sent with an
 * idempotency key is also recorded under that key (IdempotencyRecords), so
 * the key keeps naming it once its jobs are cleaned away.
 */
@Injectable()
export class CommandRouter {
  private readonly queues: Record<RemoteSystemName, Queue>;

  constructor(
    private readonly orders: OrderRepository,
    private readonly leases: CommandLeases,
    private readonly records: IdempotencyRecords,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @InjectQueue(SYSTEM_QUEUES.joom) joom: Queue,
    @InjectQueue(SYSTEM_QUEUES.akinon) akinon: Queue,
    @InjectQueue(SYSTEM_QUEUES.flexport) flexport: Queue,
    private readonly accounts: AccountQueues,
  ) {
    this.queues = { joom, akinon, flexport };
  }

  /** The step queue of a system's account: main's is the system's queue, another account's its own (docs/api-decisions.md AC-3). */
  queueOf(system: RemoteSystemName, account: string = MAIN_ACCOUNT): Queue {
    return system === 'flexport' || account === MAIN_ACCOUNT ? this.queues[system] : this.accounts.step(system, account);
  }

  /** Every step queue: each system's, then the other accounts'. */
  private allQueues(): Queue[] {
    return [...REMOTE_SYSTEMS.map((system) => this.queues[system]), ...this.accounts.allSteps()];
  }

  /** The step jobs' backoff when COMMAND_RETRY_DELAY_MS sets its first delay (else COMMAND_JOB_OPTIONS' 1 s). */
  get retryOptions(): Pick<JobsOptions, 'backoff'> {
    const delay = this.config.commandRetryDelayMs;
    return delay === undefined ? {} : { backoff: { type: 'exponential', delay } };
  }

  /** Routes a command; `check` adds a caller's own refusals once the order is read. */
  async route(request: CommandRequest, check?: (order: CanonicalOrder) => void): Promise<RoutedCommand> {
    // Only a chain someone else may have started needs comparing: no hash of the body on every command.
    const keyed = request.idempotent === true;
    const fingerprint = request.mayExist || keyed ? commandFingerprint(request.name, { orderId: request.orderId, ...request.body }) : '';
    if (keyed) {
      const recorded = await this.records.get(request.chainId);
      if (recorded) return answerFrom(recorded, fingerprint);
    }
    if (request.mayExist || keyed) {
      const existing = await this.existingChain(request.chainId, fingerprint);
      // A chain whose record expired or predates records: recorded now, so it outlives its jobs from here on.
      if (existing && keyed) await this.records.claim(request.chainId, { jobId: existing.jobId, queue: existing.queue, fingerprint, plan: existing.plan });
      if (existing) return existing;
    }
    let planned: { order: CanonicalOrder; plan: PlannedStep[] };
    try {
      planned = await this.plan(request, check);
    } catch (error) {
      // A twin of this keyed request may have run to completion meanwhile (and moved the order on): its command is the answer, not the refusal.
      const recorded = keyed ? await this.records.get(request.chainId) : null;
      if (recorded) return answerFrom(recorded, fingerprint);
      throw error;
    }
    const { order, plan } = planned;
    const queue = this.queueOf(plan[0].system, order.account);
    const jobId = stepJobId(request.chainId, 0);
    const holder = leaseHolder(queue.name, jobId);
    await this.takeLease(order.id, holder);

    const data = firstStep(request, plan);
    try {
      await enqueue(queue, plan[0].step, data, { jobId, ...this.retryOptions });
    } catch (error) {
      await this.leases.release(order.id, holder).catch(() => undefined);
      throw error;
    }
    // Two requests with one key racing past the lookup: BullMQ kept the first step; its command decides.
    if (request.mayExist) await this.existingChain(request.chainId, fingerprint);
    if (keyed) {
      // Recorded once the step exists, never before: a record must not name a job that was never added
      // (Redis failing in between leaves a job without a record, which the next lookup finds and records).
      const recorded = await this.records.claim(request.chainId, { jobId, queue: queue.name, fingerprint, plan });
      if (recorded) return answerFrom(recorded, fingerprint);
    }
    return { jobId, queue: queue.name, plan, joined: false };
  }

  /**
   * Makes a command job a producer added to a step queue directly the
   * command's first step, run by that very job: one job per command. Null
   * when the first call is another system's (the caller routes it instead).
   */
  async adopt(request: CommandRequest, queue: string, jobId: string): Promise<CommandStepData | null> {
    const { order, plan } = await this.plan(request);
    if (this.queueOf(plan[0].system, order.account).name !== queue) return null;
    await this.takeLease(order.id, leaseHolder(queue, jobId));
    return firstStep(request, plan);
  }

  /** Gives the order's lease to a step about to be replayed (`POST /v1/jobs/{id}/retry`), or 409 while another command holds it. */
  async holdFor(orderId: string, queue: string, jobId: string): Promise<void> {
    await this.takeLease(orderId, leaseHolder(queue, jobId));
  }

  /**
   * Runs `write` holding the order's command lease, as a command's intake
   * would: refused 409 `command_in_progress` while a command is queued or
   * running, and no command is taken in meanwhile (its intake gets that
   * refusal, naming this holder). A hold placed this way cannot race a
   * fulfil: either the fulfil's intake reads the hold, or the hold waits
   * for the command (docs/api-decisions.md HO-4).
   */
  async exclusively<T>(orderId: string, write: () => Promise<T>): Promise<T> {
    const holder = leaseHolder(HOLD_LEASE_QUEUE, `hold-${randomUUID()}`);
    await this.takeLease(orderId, holder);
    try {
      return await write();
    } finally {
      await this.leases.release(orderId, holder).catch(() => undefined);
    }
  }

  /** Reads the order once, checks the command fits it now (state machine, channel, lines) and plans its calls. */
  private async plan(request: CommandRequest, check?: (order: CanonicalOrder) => void): Promise<{ order: CanonicalOrder; plan: PlannedStep[] }> {
    const order = await this.orders.getOrThrow(request.orderId);
    assertCommandApplicable(order, profileFor(order.channel, this.config, order.account), request.name, request.body);
    check?.(order);
    return { order, plan: planCommand(order, request.name, request.body) };
  }

  /**
   * The lease holder is the job named, unless that job has finished or is
   * gone — and the lease is older than LEASE_GRACE_MS (finished jobs release
   * it themselves; one left behind is a crash's).
   */
  private async takeLease(orderId: string, holder: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.leases.take(orderId, holder);
      if (current === null) return;
      const { queue, jobId } = parseHolder(current.holder);
      const owner = this.allQueues().find((q) => q.name === queue);
      const recent = Date.now() - current.since < LEASE_GRACE_MS;
      if (recent || (owner && PENDING_STATES.has(await owner.getJobState(jobId)))) throw new CommandInProgressError(jobId, queue);
      if (await this.leases.swap(orderId, current.holder, holder)) return;
    }
    throw new Error(`the command lease of ${orderId} kept changing hands`);
  }

  /** The chain's first step, if it was added already; refused when it is another command under the same key. */
  async existingChain(chainId: string, fingerprint: string): Promise<RoutedCommand | null> {
    const jobId = stepJobId(chainId, 0);
    for (const queue of this.allQueues()) {
      const step = (await queue.getJob(jobId)) as Job<StepJobData> | undefined;
      if (!step) continue;
      const { command, orderId, payload, plan } = step.data;
      if (commandFingerprint(command ?? '', { orderId, ...payload }) !== fingerprint) throw new IdempotencyKeyReusedError(jobId);
      return { jobId, queue: queue.name, plan, joined: true };
    }
    return null;
  }
}

/** A repeat of a recorded key: the same command joins its chain; another command under the key is refused. */
function answerFrom(recorded: IdempotencyRecord, fingerprint: string): RoutedCommand {
  if (recorded.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(recorded.jobId);
  return { jobId: recorded.jobId, queue: recorded.queue, plan: recorded.plan, joined: true };
}

function firstStep(request: CommandRequest, plan: PlannedStep[]): CommandStepData {
  const step: CommandStepData = { chainId: request.chainId, command: request.name, orderId: request.orderId, payload: { ...request.body }, requestedBy: request.requestedBy, plan, index: 0 };
  if (request.correlationId) step.correlationId = request.correlationId;
  return step;
}

/** How a lease names its job: `<queue>/<job id>` (queue names have no `/`). */
export function leaseHolder(queue: string, jobId: string): string {
  return `${queue}/${jobId}`;
}

function parseHolder(holder: string): { queue: string; jobId: string } {
  const slash = holder.indexOf('/');
  return { queue: holder.slice(0, slash), jobId: holder.slice(slash + 1) };
}
