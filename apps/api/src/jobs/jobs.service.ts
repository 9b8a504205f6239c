import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DomainError } from '@app/orders';
import { ORDER_COMMANDS_QUEUE, stepJobId, SYSTEM_QUEUES } from '@app/queues';
import { redisCall } from '@app/store';
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

const DEAD_LETTER_PAGE = 100;

/** Command jobs as clients see them: one state per command, across its steps. */
@Injectable()
export class JobsService {
  private readonly queues: Map<string, Queue>;

  constructor(
    @InjectQueue(ORDER_COMMANDS_QUEUE) intake: Queue,
    @InjectQueue(SYSTEM_QUEUES.joom) joom: Queue,
    @InjectQueue(SYSTEM_QUEUES.akinon) akinon: Queue,
    @InjectQueue(SYSTEM_QUEUES.flexport) flexport: Queue,
  ) {
    this.queues = new Map([intake, joom, akinon, flexport].map((queue) => [queue.name, queue]));
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
          const intakeId = queue === intake ? job.id! : (job.data?.chainId as string | undefined);
          if (intakeId) views.push(await this.get(intakeId).catch(() => this.view([{ queue, job, state: 'failed' }])));
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
      // A replay gets its full retry budget again, not the one attempt left after exhausting it. Its
      // started count is kept: the step must know it ran before (it then reads before it writes).
      await last.job.retry('failed', { resetAttemptsMade: true });
      return this.view(await this.chainOf(jobId));
    });
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
   * A command's chain from its `order-commands` job; or from its first step in
   * a system queue, for commands sent over REST and for work the gateway
   * started itself (`push-<orderId>` tracking pushes, `plan-<planId>`
   * cancellation plans).
   */
  private async commandChain(jobId: string): Promise<ChainLink[] | null> {
    const intake = this.queues.get(ORDER_COMMANDS_QUEUE)!;
    const job = await Job.fromId(intake, jobId);
    if (job) return followChain(this.queues, { queue: intake, job });
    for (const queue of this.queues.values()) {
      if (queue === intake) continue;
      for (const id of [jobId, stepJobId(jobId, 0)]) {
        const first = await Job.fromId(queue, id);
        if (first?.data?.chainId === jobId) return followChain(this.queues, { queue, job: first });
      }
    }
    return null;
  }

  private view(chain: ChainLink[]): JobViewDto {
    const first = chain[0].job;
    const last = chain[chain.length - 1];
    const { next: _next, ...result } = (last.job.returnvalue ?? {}) as Record<string, unknown>;
    return {
      jobId: first.id!,
      command: (first.data?.command as string) ?? first.name,
      orderId: (first.data?.orderId as string) ?? null,
      state: last.state,
      attempts: last.job.attemptsMade,
      result: last.state === 'completed' ? result : null,
      error: last.job.failedReason ?? null,
      createdAt: new Date(first.timestamp).toISOString(),
      steps: chain.map(({ queue, job, state }) => ({
        queue: queue.name,
        jobId: job.id!,
        name: job.name,
        state,
        attempts: job.attemptsMade,
        error: job.failedReason ?? null,
      })),
    };
  }
}

/** The job ids of a chain's steps. */
function stepIdsOf(chain: ChainLink[]): string[] {
  return chain.map((link) => link.job.id!);
}
