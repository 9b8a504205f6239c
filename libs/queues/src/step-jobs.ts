import type { TransitionCause } from '@app/orders';
import type { PlannedStep } from './command-plans';
import { CommandName } from './queue-names';

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

/** Steps the gateway adds by itself, outside any command. */
export const FOLLOW_UP_STEPS: readonly StepName[] = ['push-tracking', 'flexport-refresh'];

/**
 * A step of a command, in the queue of the system it calls. Its job id is
 * `<chainId>-<n>` (stepJobId): deterministic, so a retried producer or step
 * never adds a step twice.
 */
export interface CommandStepData {
  /** Names the command: every step's id derives from it, and `GET /v1/jobs/{id}` follows it. */
  chainId: string;
  command: CommandName;
  orderId: string;
  /** The command body, validated like the REST body whenever the job starts. */
  payload: Record<string, unknown>;
  requestedBy: string;
  plan: PlannedStep[];
  /** Which entry of `plan` this job is. */
  index: number;
  /** What started it: `command` (default), or a sync that found the order cancelled at the channel. */
  cause?: TransitionCause;
  /**
   * The request id (`X-Request-Id`) of the REST call that started the
   * command, or `<queue>/<job id>` of the job a producer added. Every step
   * carries it into the order's history entries and the worker's log lines,
   * so one search follows the command.
   */
  correlationId?: string;
  /**
   * W3C trace context of the span that added the job (enqueue, with tracing
   * on): the worker's span for the job continues that trace, and its trace id
   * goes beside correlationId into history entries and log lines.
   */
  traceparent?: string;
}

/** A step the gateway adds by itself (the tracking push, a Flexport refresh): no command, no plan. */
export interface FollowUpStepData {
  chainId: string;
  command?: undefined;
  orderId: string;
  payload: Record<string, never>;
  requestedBy: string;
  plan: [];
  index: 0;
  /** What started it. */
  cause: Extract<TransitionCause, 'sync' | 'webhook' | 'system'>;
  /** The command's correlationId, when a command's step queued it (the tracking push after a fulfil). */
  correlationId?: string;
  /** As on a command step (CommandStepData.traceparent). */
  traceparent?: string;
}

export type StepJobData = CommandStepData | FollowUpStepData;

export function stepJobId(chainId: string, index: number): string {
  return `${chainId}-${index + 1}`;
}

/**
 * A `flexport-refresh` job for one order: one pending at a time per order
 * (deduplicated), whoever asks — the in-flight poll or a webhook; news that
 * arrives while one is running is kept for one more run.
 */
export function flexportRefreshJob(
  orderId: string,
  cause: 'sync' | 'webhook',
): { name: StepName; data: FollowUpStepData; opts: { attempts: number; deduplication: { id: string; keepLastIfActive: boolean } } } {
  return {
    name: 'flexport-refresh',
    data: { chainId: `refresh-${orderId}`, orderId, payload: {}, requestedBy: 'flexport', plan: [], index: 0, cause },
    opts: { attempts: 5, deduplication: { id: `refresh-${orderId}`, keepLastIfActive: true } },
  };
}

/** The tracking push after Flexport shipped: once per order. */
export function pushTrackingJob(orderId: string): { name: StepName; data: FollowUpStepData; opts: { jobId: string } } {
  const jobId = `push-${orderId}`;
  return {
    name: 'push-tracking',
    data: { chainId: jobId, orderId, payload: {}, requestedBy: 'gateway', plan: [], index: 0, cause: 'system' },
    opts: { jobId },
  };
}
