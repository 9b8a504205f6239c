import { Injectable } from '@nestjs/common';
import { CommandRouter, enqueue, leaseHolder, pushTrackingJob, StepJobData, stepJobId } from '@app/queues';
import { CommandLeases, OrderRepository } from '@app/store';
import { StepResult } from './step-handler';

/**
 * What a finished step starts: the tracking push when it asks for one, and
 * the command's next planned step, queued under a deterministic id (so a
 * re-run queues nothing twice) and handed the order's command lease; the
 * last step of a command releases the lease (unless its save did). Returns where the command goes on.
 */
@Injectable()
export class StepFollowUps {
  constructor(
    private readonly router: CommandRouter,
    private readonly leases: CommandLeases,
    private readonly orders: OrderRepository,
  ) {}

  /**
   * `account`: the order's account when the caller knows it (a sales
   * channel's step runs in its account's queue); else it is read from the
   * order when a follow-up goes to a sales channel's queue (docs/api-decisions.md AC-3).
   * `leaseReleased`: the last step's save ended the lease already (StepContext.lease).
   */
  async queue(data: StepJobData, result: StepResult, holder: string, account?: string, leaseReleased = false): Promise<StepResult> {
    const accountOf = async () => account ?? (await this.orders.get(data.orderId))?.account;
    if (result.pushTracking === true) {
      const push = pushTrackingJob(data.orderId);
      const pushData = data.correlationId ? { ...push.data, correlationId: data.correlationId } : push.data;
      await enqueue(this.router.queueOf('joom', await accountOf()), push.name, pushData, push.opts);
    }
    if (data.command === undefined) return {};
    const next = data.plan[data.index + 1];
    if (!next) {
      if (!leaseReleased) await this.leases.release(data.orderId, holder);
      return {};
    }
    const queue = this.router.queueOf(next.system, next.system === 'flexport' ? undefined : await accountOf());
    const jobId = stepJobId(data.chainId, data.index + 1);
    await enqueue(queue, next.step, { ...data, index: data.index + 1 }, { jobId, ...this.router.retryOptions });
    // After the add: a crash in between re-runs this step, which adds nothing twice and hands the lease on then.
    await this.leases.swap(data.orderId, holder, leaseHolder(queue.name, jobId));
    return { next: { queue: queue.name, jobId } };
  }

  /** A command that failed for good frees its order for the next one. */
  async abandon(data: StepJobData, holder: string): Promise<void> {
    if (data.command !== undefined) await this.leases.release(data.orderId, holder);
  }
}
