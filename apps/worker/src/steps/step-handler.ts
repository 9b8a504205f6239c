import { CanonicalOrder } from '@app/orders';
import { StepJobData, StepName } from '@app/queues';

export interface StepContext {
  /** The step job's id, recorded on every history entry it writes. */
  jobId: string;
  data: StepJobData;
  /** The order as stored when the step starts. */
  order: CanonicalOrder;
  /**
   * The step job's first start (not a retry, not a re-run after a crash or a
   * stall, not a replay): nothing it does can have reached the remote yet, so
   * adapters may skip their read-before-write (`CommandAttempt`).
   */
  firstAttempt: boolean;
  /**
   * Set on a command's last step: the save of its effect (OrderEffects.save)
   * also ends the command's lease, in the same script call, and marks it
   * `released` so no separate release follows (StepFollowUps).
   */
  lease?: LeaseToEnd;
}

/** The lease a command's last step ends with its save: its holder (`<queue>/<job id>`), and whether a save ended it. */
export interface LeaseToEnd {
  readonly holder: string;
  released: boolean;
}

/** What a step returns into its job's result (visible in GET /v1/jobs). */
export type StepResult = Record<string, unknown>;

/** One external call of a command, and how its outcome changes the order. */
export interface StepHandler {
  readonly step: StepName;
  run(context: StepContext): Promise<StepResult>;
  /**
   * A re-run of a step that had saved its effect before it died is not run
   * again; what it must still report so the follow-up work gets queued (e.g.
   * the tracking push after a Flexport shipment) comes from here.
   */
  resumeResult?(order: CanonicalOrder): StepResult;
}

export const STEP_HANDLERS = Symbol('STEP_HANDLERS');
