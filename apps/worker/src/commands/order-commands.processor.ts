import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { COMMAND_JOB_RETENTION, CommandJob, CommandRouter, ORDER_COMMANDS_QUEUE, parseCommandJob, traceJob } from '@app/queues';
import { OrderNotFoundError } from '@app/store';
import { MeteredWorkerHost } from '../metrics/metered-worker-host';
import { QueueMetricsRecorder } from '../metrics/queue-metrics.recorder';
import { refusedForGood } from '../steps/failure-policy';
import { STALL_RECOVERY } from '../steps/stall-recovery';
import { commandRequest } from './command-request';

/**
 * The public queue intake: validates a command job exactly like REST does
 * and hands it to CommandRouter, which checks the order can take it now,
 * plans its steps and adds the first one to the queue of the system it
 * calls. A malformed or inapplicable job fails at once with the reason
 * (`<code>: <message>`) and changes nothing. Other services add jobs here
 * without the gateway's options: COMMAND_JOB_RETENTION, as the worker's
 * default, still bounds what their finished jobs leave in Redis.
 */
@Processor(ORDER_COMMANDS_QUEUE, { concurrency: 16, ...STALL_RECOVERY, ...COMMAND_JOB_RETENTION })
export class OrderCommandsProcessor extends MeteredWorkerHost {
  constructor(
    private readonly router: CommandRouter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    protected readonly metrics: QueueMetricsRecorder,
  ) {
    super();
  }

  /** With tracing on, a producer's command starts a trace here, which its steps continue. */
  process(job: Job): Promise<Record<string, unknown>> {
    return traceJob(job, () => this.route(job));
  }

  private async route(job: Job): Promise<Record<string, unknown>> {
    let command: CommandJob | undefined;
    try {
      command = parseCommandJob(job.name, job.data);
      const routed = await this.router.route(commandRequest(command, job, intakeChainId(job), job.attemptsStarted, this.config));
      return { plan: routed.plan.map((step) => `${step.system}:${step.step}`), next: { queue: routed.queue, jobId: routed.jobId }, ...(routed.joined ? { joinedExistingChain: true } : {}) };
    } catch (error) {
      // Named as the producer named it: the channel's own id means more to it than the gateway id derived from it.
      const { channel, externalId } = command?.data ?? {};
      if (error instanceof OrderNotFoundError && channel) throw new UnrecoverableError(`order_not_found: order ${channel}/${externalId} not found`);
      throw refusedForGood(error);
    }
  }
}

/**
 * The chain of a job without a key: its id and when it was added, so a
 * producer that reuses a job id (its first job removed on completion) starts
 * a new chain rather than "adding" steps that exist already. Both stay the
 * same when the job runs again.
 */
function intakeChainId(job: Pick<Job, 'id' | 'timestamp'>): string {
  return `${job.id}.${job.timestamp}`;
}
