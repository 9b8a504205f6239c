import type { JobsOptions } from 'bullmq';
import type { TransitionCause } from '@app/orders';
import { COMMAND_JOB_OPTIONS } from './command-job-options';
import { CommandName, RemoteSystemName } from './queue-names';

/** Every kind of step job; each calls one external system, in that system's queue. */
export const STEP_NAMES = [
  'fulfill-tracking',
  'fulfill-online',
  'flexport-create',
  'flexport-cancel',
  'channel-cancel',
  'channel-reject',
  'push-tracking',
  'flexport-refresh',
  'modify-tracking',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

export interface PlannedStep {
  system: RemoteSystemName;
  step: StepName;
}

/**
 * A step job, added by the intake router (or by the previous step) to the
 * queue of the system it calls. Its id is `<chain id>-<n>`: deterministic,
 * so a retried router or step never adds a step twice.
 */
export interface StepJobData {
  intakeJobId: string;
  /** The command this step belongs to; absent for follow-ups (tracking push, Flexport refresh). */
  command?: CommandName;
  orderId: string;
  /** The validated command body (FulfillBody | CancelBody | RejectBody | ModifyTrackingBody). */
  payload: Record<string, unknown>;
  requestedBy: string;
  plan: PlannedStep[];
  /** Which entry of `plan` this job is. */
  index: number;
  /** What started it: `command` (default), or `webhook` / `sync` / `system`. */
  cause?: TransitionCause;
  /**
   * The step ran before outside this job (inside its intake job: the direct
   * path) and may have reached the remote system, or its effect may be saved
   * already: even this job's first attempt looks for its effect in the order
   * history and reads the remote order before writing.
   */
  resumed?: boolean;
}

export function stepJobId(chainId: string, index: number): string {
  return `${chainId}-${index + 1}`;
}

/**
 * A `flexport-refresh` job for one order: one pending at a time per order
 * (deduplicated), whoever asks — the in-flight poll or a webhook; news that
 * arrives while one is running is kept for one more run.
 */
export function flexportRefreshJob(orderId: string, cause: 'sync' | 'webhook'): { name: StepName; data: StepJobData; opts: JobsOptions } {
  return {
    name: 'flexport-refresh',
    data: { intakeJobId: `refresh-${orderId}`, orderId, payload: {}, requestedBy: 'flexport', plan: [], index: 0, cause },
    opts: { ...COMMAND_JOB_OPTIONS, attempts: 5, deduplication: { id: `refresh-${orderId}`, keepLastIfActive: true } },
  };
}

/** The tracking push after Flexport shipped: once per order. */
export function pushTrackingJob(orderId: string): { name: StepName; data: StepJobData; opts: JobsOptions } {
  const jobId = `push-${orderId}`;
  return {
    name: 'push-tracking',
    data: { intakeJobId: jobId, orderId, payload: {}, requestedBy: 'gateway', plan: [], index: 0, cause: 'system' },
    opts: { ...COMMAND_JOB_OPTIONS, jobId },
  };
}
