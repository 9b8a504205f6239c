import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { accountFor, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { Channel, CHANNELS, DomainError } from '@app/orders';
import { AccountQueues, COMMAND_NAMES, CommandName, CommandRouter, ORDER_COMMANDS_QUEUE, stepJobId, SYSTEM_QUEUES } from '@app/queues';
import { OrderRepository, orderIdFor, redisCall } from '@app/store';
import { ChainLink, followChain } from './job-chain';
import { JobViewDto } from './job-view.dto';

export class JobNotFoundError extends DomainError {
  readonly code = 'job_not_found';
  constructor(jobId: string) {
    super(`job ${jobId} not found`, { jobId });
  }
}

export class JobNotFailedError extends DomainError {
  readonly code = 'job_not_failed';
  constructor(jobId: string, state: string) {
    super(`job ${jobId} is ${state}; only failed jobs can be retried`, { jobId, state });
  }
}

/** A dead letter whose replay would fail the same way: its data is what is wrong (REST: 409). */
export class JobNotRetryableError extends DomainError {
  readonly code = 'job_not_retryable';
  constructor(jobId: string, reason: string, failedReason: string) {
    super(`job ${jobId} cannot succeed on a retry (${reason}); add a corrected job instead`, { jobId, reason, failedReason: failedReason.slice(0, 300) });
  }
}

/** Failure codes a replay of the same data cannot fix: a malformed job, a key already used for another command. */
const NEVER_RETRYABLE = new Set(['invalid_command_job', 'idempotency_key_reused']);
/** A missing order, as the worker words it with or without its code (`order ord_… not found`, `order joom/123 not found`). */
const ORDER_MISSING = /^order \S+ not found$/;

const DEAD_LETTER_PAGE = 100;

/** Command jobs as clients see them: one state per command, across its steps. */
@Injectable()
export class JobsService {
  private readonly queues: Map<string, Queue>;

  constructor(
    private readonly orders: OrderRepository,
    private readonly router: CommandRouter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @InjectQueue(ORDER_COMMANDS_QUEUE) intake: Queue,
    @InjectQueue(SYSTEM_QUEUES.joom) joom: Queue,
    @InjectQueue(SYSTEM_QUEUES.akinon) akinon: Queue,
    @InjectQueue(SYSTEM_QUEUES.flexport) flexport: Queue,
    accounts: AccountQueues,
  ) {
    // The other accounts' step queues hold their commands' steps (docs/api-decisions.md AC-3).
    this.queues = new Map([intake, joom, akinon, flexport, ...accounts.allSteps()].map((queue) => [queue.name, queue]));
  }

  async get(jobId: string): Promise<JobViewDto> {
    return redisCall(async () => this.view(await this.chainOf(jobId)));
  }

  /** Dead letters: commands whose last step failed for good (permanent error or retries exhausted). */
  async listFailed(limit = DEAD_LETTER_PAGE): Promise<JobViewDto[]> {
    return redisCall(async () => {
      const intake = this.queues.get(ORDER_COMMANDS_QUEUE)!;
      const views: JobViewDto[] = [];
      for (const queue of this.queues.values()) {
        for (const job of await queue.getJobs(['failed'], 0, limit - 1)) {
          // Removed between the listing and the read.
          if (!job) continue;
          const intakeId = queue === intake ? job.id! : chainIdOf(job);
          // A step job someone added by hand names no command (or not by a string): listed as itself.
          const alone = () => this.view([{ queue, job, state: 'failed' }]);
          views.push(intakeId ? await this.get(intakeId).catch(alone) : alone());
        }
      }
      return views.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
    });
  }

  /** Replays the failed step of a command; the step re-checks the order first. */
  async retry(jobId: string): Promise<JobViewDto> {
    return redisCall(async () => {
      const chain = await this.chainOf(jobId);
      const last = chain[chain.length - 1];
      if (last.state !== 'failed') throw new JobNotFailedError(jobId, last.state);
      await this.assertRetryable(jobId, chain);
      // A command's step takes its order's lease again: another command may have started since it failed.
      const data = isRecord(last.job.data) ? last.job.data : {};
      if (typeof data.command === 'string' && typeof data.orderId === 'string') await this.router.holdFor(data.orderId, last.queue.name, last.job.id!);
      // A replay gets its full retry budget again, not the one attempt left after exhausting it. Its
      // started count is kept: the step must know it ran before (it then reads before it writes).
      await last.job.retry('failed', { resetAttemptsMade: true });
      return this.view(await this.chainOf(jobId));
    });
  }

  /**
   * A replay re-runs the same job data, so a failure that lies in the data
   * fails again, every time: refused, rather than accepted to fail. A job
   * whose order was missing may succeed once the order is there (a sync
   * brought it in), so that one is refused only while it is still missing.
   */
  private async assertRetryable(jobId: string, chain: ChainLink[]): Promise<void> {
    const reason = textOrNull(chain[chain.length - 1].job.failedReason) ?? '';
    const code = /^([a-z_]+):/.exec(reason)?.[1];
    if (code && NEVER_RETRYABLE.has(code)) throw new JobNotRetryableError(jobId, code, reason);
    if (code !== 'order_not_found' && !ORDER_MISSING.test(reason)) return;
    const orderId = this.orderIdOf(chain);
    if (orderId === null || (await this.orders.getJson(orderId)) === null) throw new JobNotRetryableError(jobId, 'order_not_found', reason);
  }

  /** The gateway id of the order a chain acts on: a step's, the command's, or the one its channel target names. */
  private orderIdOf(chain: ChainLink[]): string | null {
    for (const { job } of [...chain].reverse()) {
      const data = isRecord(job.data) ? job.data : {};
      if (typeof data.orderId === 'string') return data.orderId;
      const { channel, externalId, account } = data;
      if (typeof channel === 'string' && (CHANNELS as readonly string[]).includes(channel) && typeof externalId === 'string') {
        const named = accountFor(channel as Channel, this.config, typeof account === 'string' ? account : undefined);
        return orderIdFor(channel as Channel, named, externalId);
      }
    }
    return null;
  }

  /**
   * A command's chain, by the command's job id or by the job id of one of its
   * steps (the id the order history entries carry, and the one REST answers with).
   */
  private async chainOf(jobId: string): Promise<ChainLink[]> {
    const chain = await this.commandChain(jobId);
    if (chain) return chain;
    // Step ids are `<command>-<n>` (stepJobId): the command is the id without its last suffix.
    const command = /^(.+)-\d+$/.exec(jobId)?.[1];
    const owner = command ? await this.commandChain(command) : null;
    if (owner && stepIdsOf(owner).includes(jobId)) return owner;
    throw new JobNotFoundError(jobId);
  }

  /**
   * A command's chain from its `order-commands` job; or from its first step
   * in a system queue: `<chain>-1` for commands sent over REST and work the
   * gateway started itself (`push-<orderId>` tracking pushes, `plan-<planId>`
   * cancellation plans), or the very job a producer added there (its chain is
   * `<queue>-<job id>`, QueuedCommands).
   */
  private async commandChain(jobId: string): Promise<ChainLink[] | null> {
    const intake = this.queues.get(ORDER_COMMANDS_QUEUE)!;
    const job = (await Job.fromId(intake, jobId)) ?? (await this.intakeOfChain(intake, jobId));
    if (job) return followChain(this.queues, { queue: intake, job });
    for (const queue of this.queues.values()) {
      if (queue === intake) continue;
      const adopted = jobId.startsWith(`${queue.name}-`) ? jobId.slice(queue.name.length + 1) : jobId;
      for (const id of new Set([jobId, stepJobId(jobId, 0), adopted])) {
        const first = await Job.fromId(queue, id);
        const chainId = first ? chainIdOf(first) : undefined;
        if (chainId === jobId || (chainId === `${queue.name}-${id}` && id === adopted)) return followChain(this.queues, { queue, job: first! });
      }
    }
    return null;
  }

  /** The `order-commands` job a chain `<job id>.<added at>` is named after (intakeChainId), if it is still kept. */
  private async intakeOfChain(intake: Queue, chainId: string): Promise<Job | undefined> {
    const dot = chainId.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const job = await Job.fromId(intake, chainId.slice(0, dot));
    return job && String(job.timestamp) === chainId.slice(dot + 1) ? job : undefined;
  }

  private view(chain: ChainLink[]): JobViewDto {
    const first = chain[0].job;
    const last = chain[chain.length - 1];
    const { next: _next, ...result } = (isRecord(last.job.returnvalue) ? last.job.returnvalue : {}) as Record<string, unknown>;
    // Producers add what they like to the public queue (an orderId of 12345, a job named "refund", data that
    // is not an object): the view shows only what has the documented type, and null for the rest.
    const data = isRecord(first.data) ? first.data : {};
    return {
      jobId: first.id!,
      command: commandNameOf(typeof data.command === 'string' ? data.command : first.name),
      orderId: typeof data.orderId === 'string' ? data.orderId : null,
      state: last.state,
      attempts: countOf(last.job.attemptsMade),
      result: last.state === 'completed' ? result : null,
      error: textOrNull(last.job.failedReason),
      createdAt: isoTime(first.timestamp),
      steps: chain.map(({ queue, job, state }) => ({
        queue: queue.name,
        jobId: job.id!,
        name: String(job.name),
        state,
        attempts: countOf(job.attemptsMade),
        error: textOrNull(job.failedReason),
      })),
    };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A command's name as documented, or null: work the gateway started itself (a tracking push), or a name no command has. */
function commandNameOf(name: string): CommandName | null {
  return (COMMAND_NAMES as readonly string[]).includes(name) ? (name as CommandName) : null;
}

function countOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** BullMQ stamps every job it adds; a hash written by hand may carry anything, shown as the epoch rather than a 500. */
function isoTime(timestamp: unknown): string {
  const time = typeof timestamp === 'number' && Number.isFinite(timestamp) ? new Date(timestamp) : new Date(0);
  return Number.isNaN(time.getTime()) ? new Date(0).toISOString() : time.toISOString();
}

/** The command a step job belongs to, when its data names one by a string. */
function chainIdOf(job: Job): string | undefined {
  const id = isRecord(job.data) ? job.data.chainId : undefined;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/** The job ids of a chain's steps. */
function stepIdsOf(chain: ChainLink[]): string[] {
  return chain.map((link) => link.job.id!);
}
