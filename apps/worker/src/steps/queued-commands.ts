import { Inject, Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { activeTraceparent, isTraceparent } from '@app/common';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { COMMAND_JOB_OPTIONS, COMMAND_NAMES, CommandRouter, parseCommandJob, parseStepJob, StepJobData } from '@app/queues';
import { commandRequest } from '../commands/command-request';
import { StepResult } from './step-handler';

export type Adopted = { data: StepJobData; forwarded?: undefined } | { forwarded: StepResult };

const isCommandName = (name: string) => (COMMAND_NAMES as readonly string[]).includes(name);
const hasPlan = (data: unknown) => typeof data === 'object' && data !== null && 'plan' in data;

/**
 * What a job of a step queue is, checked when it starts: a step job
 * (validated like the REST body it came from), or a command a producer added
 * to this queue directly (job name `fulfill` | `cancel` | `reject`, the
 * `order-commands` payload). Such a command becomes its own first step — one
 * job per command — when that step calls this queue's system and the job
 * carries the gateway's retry options; otherwise it is routed like an
 * `order-commands` job, and the step job it adds gets those options.
 */
@Injectable()
export class QueuedCommands {
  constructor(
    private readonly router: CommandRouter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async adopt(job: Job): Promise<Adopted> {
    // A command adopted earlier carries its plan now (Job.updateData): it runs again as the step it became.
    if (!isCommandName(job.name) || hasPlan(job.data)) return { data: parseStepJob(plannedStepName(job), job.data) };
    const command = parseCommandJob(job.name, job.data);
    const request = commandRequest(command, job, `${job.queueName}-${job.id}`, job.attemptsStarted, this.config);
    // A keyed command is named by its key, which another job may carry: it gets a step job of its own.
    const adoptable = (job.opts.attempts ?? 1) >= (COMMAND_JOB_OPTIONS.attempts ?? 1) && !command.data.idempotencyKey;
    const data = adoptable ? await this.router.adopt(request, job.queueName, job.id!) : null;
    if (data) {
      // Kept in the job, so a retry continues the trace this attempt runs in rather than starting a new one.
      const traceparent = activeTraceparent() ?? (isTraceparent(job.data?.traceparent) ? job.data.traceparent : undefined);
      const step = traceparent ? { ...data, traceparent } : data;
      await job.updateData(step);
      return { data: step };
    }
    const routed = await this.router.route(request);
    return { forwarded: { plan: routed.plan.map((step) => `${step.system}:${step.step}`), next: { queue: routed.queue, jobId: routed.jobId } } };
  }
}

/** The step a job is: its name, or for an adopted command job the plan entry it became. */
function plannedStepName(job: Job): string {
  const { plan, index } = (job.data ?? {}) as { plan?: unknown; index?: unknown };
  if (!isCommandName(job.name) || !Array.isArray(plan) || !Number.isInteger(index)) return job.name;
  const entry = plan[index as number] as { step?: unknown } | undefined;
  return typeof entry?.step === 'string' ? entry.step : job.name;
}
