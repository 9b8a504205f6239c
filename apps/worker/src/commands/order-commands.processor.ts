import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { GATEWAY_CONFIG, GatewayConfig, profileFor } from '@app/config';
import { CanonicalOrder, DomainError } from '@app/orders';
import {
  actionOf,
  assertCommandApplicable,
  COMMAND_JOB_OPTIONS,
  commandFingerprint,
  CommandJob,
  idempotentJobId,
  ORDER_COMMANDS_QUEUE,
  parseCommandJob,
  REMOTE_SYSTEMS,
  StepJobData,
  stepJobId,
  SYSTEM_QUEUES,
} from '@app/queues';
import { orderIdFor, OrderRepository } from '@app/store';
import { MeteredWorkerHost } from '../metrics/metered-worker-host';
import { QueueMetricsRecorder } from '../metrics/queue-metrics.recorder';
import { DirectStep } from '../steps/direct-step';
import { alreadyArrived } from '../steps/handlers/command-arrival';
import { OrderEffects } from '../steps/order-effects';
import { STALL_RECOVERY } from '../steps/stall-recovery';
import { SystemQueues } from '../steps/system-queues';
import { planCommand } from './command-plan';

const TARGET_FIELDS = ['orderId', 'channel', 'externalId', 'account', 'idempotencyKey', 'requestedBy'];

/**
 * The public intake: validates a command job exactly like REST does, checks
 * the order can take it now, plans its steps and queues the first one in the
 * queue of the system it calls — or, for a command of one step, runs that
 * step itself when its system has room (DirectStep), which spares a BullMQ
 * job per command. A malformed or inapplicable job fails at once with the
 * reason and changes nothing.
 */
@Processor(ORDER_COMMANDS_QUEUE, { concurrency: 16, ...STALL_RECOVERY })
export class OrderCommandsProcessor extends MeteredWorkerHost {
  constructor(
    private readonly orders: OrderRepository,
    private readonly queues: SystemQueues,
    private readonly direct: DirectStep,
    private readonly effects: OrderEffects,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    protected readonly metrics: QueueMetricsRecorder,
  ) {
    super();
  }

  async process(job: Job): Promise<Record<string, unknown>> {
    const command = refuseUnless(() => parseCommandJob(job.name, job.data));
    const payload = Object.fromEntries(Object.entries(command.data).filter(([key]) => !TARGET_FIELDS.includes(key)));
    // Steps of a command with an idempotency key are named by the key, so two intake jobs carrying it share one chain.
    const chainId = command.data.idempotencyKey && !job.id!.startsWith('idem-') ? idempotentJobId(command.data.requestedBy ?? 'queue', command.data.idempotencyKey) : job.id!;
    // This job re-delivered after a crash that followed the queueing, or a later job with the same key: the
    // chain exists and has probably moved the order on, so re-checking the order would refuse the very
    // command that was carried out. Point to the chain instead. (A first start of a job without a key
    // names a chain nobody else can: no lookup then.)
    const keyed = Boolean(command.data.idempotencyKey);
    // Only a chain someone else may have started needs comparing (a hash of the payload: not on every job).
    const fingerprint = keyed || job.attemptsStarted > 1 ? fingerprintOf(command.name, this.orderIdOf(command), payload) : null;
    const existing = fingerprint ? await this.existingChain(chainId, fingerprint) : null;
    if (existing) return { plan: existing.plan, next: existing.next, joinedExistingChain: true };

    const order = await this.resolveOrder(command);
    const plan = planCommand(order, command);
    const stepId = stepJobId(chainId, 0);
    // A re-run of a job without a key may follow its own direct step (below). That step may have saved its
    // effect, or reached the remote and died before saving while a sync brought the change in: the order is
    // then where the command leads, and re-checking it would refuse the command that was carried out. The
    // step job decides instead: it finds its effect in the history, or reads the remote order first.
    const rerunUnkeyed = job.attemptsStarted > 1 && !keyed;
    const mayFollowDirectStep = rerunUnkeyed && plan.length === 1 && (await this.mayHaveTakenEffect(order, command, stepId));
    if (!mayFollowDirectStep) refuseUnless(() => this.assertApplicable(order, command));

    const data: StepJobData = {
      intakeJobId: chainId,
      command: command.name,
      orderId: order.id,
      payload,
      requestedBy: command.data.requestedBy ?? 'queue',
      plan,
      index: 0,
    };
    const planned = plan.map((step) => `${step.system}:${step.step}`);
    // A keyed job's step stays a job: the key names it, and a second job with the key joins or is refused by it.
    if (plan.length === 1 && !keyed && job.attemptsStarted <= 1) {
      const direct = await this.direct.run(plan[0], { jobId: stepId, data, order, firstAttempt: true });
      const ranHere = { queue: SYSTEM_QUEUES[plan[0].system], jobId: stepId, step: plan[0].step };
      if (direct.ran) return { plan: planned, ...direct.result, direct: ranHere };
      return { plan: planned, next: await this.queueFirstStep(data, direct.started), queuedBecause: direct.reason };
    }
    const next = await this.queueFirstStep(data, rerunUnkeyed);
    // Two jobs with one key may both get here; BullMQ keeps the first step under the id and drops the
    // other silently. Read back whose step it is: another command under the key fails this job.
    if (keyed) await this.existingChain(chainId, fingerprint!);
    return { plan: planned, next };
  }

  /** Queues the command's first step; `resumed` when it may have run before (it then reads before it writes). */
  private async queueFirstStep(data: StepJobData, resumed: boolean): Promise<{ queue: string; jobId: string }> {
    const queue = this.queues.of(data.plan[0].system);
    const jobId = stepJobId(data.intakeJobId, 0);
    await queue.add(data.plan[0].step, resumed ? { ...data, resumed } : data, { ...COMMAND_JOB_OPTIONS, jobId });
    return { queue: queue.name, jobId };
  }

  /** Whether the command's first step may have had its effect: saved under its job id, or the order is where the command leads. */
  private async mayHaveTakenEffect(order: CanonicalOrder, command: CommandJob, stepId: string): Promise<boolean> {
    return alreadyArrived(order, actionOf(command.name, command.data)) || (await this.effects.alreadyApplied(order.id, stepId));
  }

  private orderIdOf(command: CommandJob): string {
    const { orderId, channel, externalId, account } = command.data;
    return orderId ?? orderIdFor(channel!, account ?? this.config.channels[channel!]?.account ?? 'main', externalId!);
  }

  private async resolveOrder(command: CommandJob): Promise<CanonicalOrder> {
    const order = await this.orders.get(this.orderIdOf(command));
    const { orderId, channel, externalId } = command.data;
    if (!order) throw new UnrecoverableError(`order ${orderId ?? `${channel}/${externalId}`} not found`);
    return order;
  }

  /** The first step of chain `chainId`, if some intake job queued it already; refused when it is another command under the same key. */
  private async existingChain(chainId: string, fingerprint: string): Promise<{ plan: string[]; next: { queue: string; jobId: string } } | null> {
    const jobId = stepJobId(chainId, 0);
    for (const system of REMOTE_SYSTEMS) {
      const queue = this.queues.of(system);
      const step = (await queue.getJob(jobId)) as Job<StepJobData> | undefined;
      if (!step) continue;
      const { command, orderId, payload, plan } = step.data;
      if (fingerprintOf(command ?? '', orderId, payload) !== fingerprint) {
        throw new UnrecoverableError(`idempotency_key_reused: key already used for another command (${command} on ${orderId}, step ${queue.name}/${jobId})`);
      }
      return { plan: plan.map((s) => `${s.system}:${s.step}`), next: { queue: queue.name, jobId } };
    }
    return null;
  }

  private assertApplicable(order: CanonicalOrder, command: CommandJob): void {
    assertCommandApplicable(order, profileFor(order.channel, this.config), command.name, command.data);
  }
}

function fingerprintOf(name: string, orderId: string, payload: Record<string, unknown>): string {
  return commandFingerprint(name, { orderId, ...payload });
}

/** Domain refusals at intake are final: the job fails with their message, nothing is retried. */
function refuseUnless<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof DomainError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
    throw error;
  }
}
