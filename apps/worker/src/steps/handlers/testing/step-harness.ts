import { CanonicalOrder } from '@app/orders';
import { CommandName, PlannedStep } from '@app/queues';
import { Effect, OrderEffects } from '../../order-effects';
import { StepContext } from '../../step-handler';

/** A flag a step raised, as `OrderEffects.flag` was called with it. */
export interface RecordedFlag {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * An `OrderEffects` that keeps what a step would save instead of saving it:
 * a handler spec asserts on the `Effect` its `decide` computes (the order,
 * transitions, note, request id) and on the flags it raises, with no store
 * behind it. `decide` runs on `current` when given (the order as the save
 * finds it, having moved while the remote was called), else on the order the
 * step started with, at the fixed `now`.
 */
export function recordingEffects(now: string, { current }: { current?: CanonicalOrder } = {}) {
  const effects: Effect[] = [];
  const flags: RecordedFlag[] = [];
  const orderEffects = {
    save: async (context: StepContext, decide: (order: CanonicalOrder, at: string) => Effect) => {
      const effect = decide(current ?? context.order, now);
      effects.push(effect);
      return effect.order;
    },
    flag: async (_context: StepContext, code: string, message: string, details?: Record<string, unknown>) => void flags.push({ code, message, details }),
  } as unknown as OrderEffects;
  return { effects, flags, orderEffects };
}

export interface CommandContextOptions {
  command: CommandName;
  /** The command's steps; the context is the first one's job. */
  plan: PlannedStep[];
  payload: Record<string, unknown>;
  firstAttempt?: boolean;
  jobId?: string;
}

/** The first step job of command `cmd-1`, asked by `ops`. */
export function commandContext(order: CanonicalOrder, { command, plan, payload, firstAttempt = true, jobId = 'cmd-1-1' }: CommandContextOptions): StepContext {
  return {
    jobId,
    order,
    firstAttempt,
    data: { chainId: 'cmd-1', command, orderId: order.id, payload, requestedBy: 'ops', plan, index: 0 },
  };
}

export interface FollowUpContextOptions {
  chainId: string;
  requestedBy: string;
  cause: 'sync' | 'webhook' | 'system';
  /** Defaults to `chainId`. */
  jobId?: string;
}

/** A step the gateway queued by itself (tracking push, Flexport refresh): no command, no plan. */
export function followUpContext(order: CanonicalOrder, { chainId, requestedBy, cause, jobId = chainId }: FollowUpContextOptions): StepContext {
  return {
    jobId,
    order,
    firstAttempt: true,
    data: { chainId, orderId: order.id, payload: {}, requestedBy, plan: [], index: 0, cause },
  };
}
