import { Injectable } from '@nestjs/common';
import { inSpan, traceIdOf } from '@app/common';
import { Attention, AttentionCode, CanonicalOrder, HistoryEntry, OrderStatus } from '@app/orders';
import { OrderNotFoundError, OrderRepository } from '@app/store';
import { StepContext } from './step-handler';

export interface Effect {
  order: CanonicalOrder;
  /** The table edges taken, when more than one (e.g. fulfilling → shipped → delivered); default: from → order.status. */
  transitions?: { from: OrderStatus; to: OrderStatus }[];
  note?: string;
  requestId?: string | null;
}

/**
 * Saves what a step did to the order: the new state, one history entry
 * (a transition when the status moved, an annotation otherwise) stamped with
 * the step's job id, and — through the store — the outbound event. A step
 * re-run after a crash finds its own job id in the history and skips the save.
 * A command's last step ends the order's command lease with that save (StepContext.lease).
 */
@Injectable()
export class OrderEffects {
  constructor(private readonly orders: OrderRepository) {}

  async alreadyApplied(orderId: string, jobId: string): Promise<boolean> {
    const history = await this.orders.history(orderId);
    return history.some((entry) => entry.jobId === jobId);
  }

  /** With tracing on, one `order.save` span around the save (its Redis calls beneath). */
  save(context: StepContext, decide: (current: CanonicalOrder, now: string) => Effect): Promise<CanonicalOrder> {
    return inSpan('order.save', { attributes: { 'gateway.order_id': context.data.orderId, 'messaging.message.id': context.jobId } }, () => this.write(context, decide));
  }

  private async write(context: StepContext, decide: (current: CanonicalOrder, now: string) => Effect): Promise<CanonicalOrder> {
    const saved = await this.orders.mutate(
      context.data.orderId,
      (current) => {
        if (!current) throw new OrderNotFoundError(context.data.orderId);
        const now = new Date().toISOString();
        const effect = decide(current, now);
        return { order: { ...effect.order, updatedAt: now }, history: this.entries(context, current.status, effect, now) };
      },
      // The step read the order when it started; if it changed since, the save conflicts and re-reads.
      { known: context.order, releaseLease: context.lease?.holder },
    );
    if (context.lease) context.lease.released = true;
    return saved!;
  }

  /**
   * Flags the order for a human (the reason a command failed for good). The
   * same refusal again — same code, message and step, while the order is
   * still flagged with it — writes nothing: a caller repeating a refused
   * command (300 refused fulfils) leaves one history entry, not 300; each
   * failed job still says why in `GET /v1/jobs`, and the flag keeps its first
   * `since` and job.
   */
  async flag(context: Pick<StepContext, 'jobId' | 'data'>, code: AttentionCode, message: string, details?: Record<string, unknown>): Promise<void> {
    await this.orders.mutate(context.data.orderId, (current) => {
      if (!current || sameFlag(current.attention, code, message, details)) return null;
      const now = new Date().toISOString();
      const attention: Attention = { code, message, since: now, ...(details ? { details } : {}) };
      return {
        order: { ...current, attention, updatedAt: now },
        history: [
          {
            kind: 'annotation',
            at: now,
            from: current.status,
            to: current.status,
            cause: context.data.cause ?? 'command',
            actor: context.data.requestedBy,
            requestId: null,
            // No jobId: this entry records the step's failure, not its effect (a replayed step must run again).
            ...(context.data.correlationId ? { correlationId: context.data.correlationId } : {}),
            ...traced(context.data.traceparent),
            note: `attention ${code}: ${message} (job ${context.jobId})`,
          },
        ],
      };
    });
  }

  private entries(context: StepContext, from: OrderStatus, effect: Effect, now: string): Omit<HistoryEntry, 'version'>[] {
    const moves = effect.transitions ?? (effect.order.status === from ? [] : [{ from, to: effect.order.status }]);
    // Each entry built whole, not spread from a common base (V8's slow path for properties added after a spread).
    const entry = (kind: 'annotation' | 'transition', moveFrom: OrderStatus, to: OrderStatus): Omit<HistoryEntry, 'version'> => ({
      kind,
      at: now,
      from: moveFrom,
      to,
      cause: context.data.cause ?? 'command',
      actor: context.data.requestedBy,
      requestId: effect.requestId ?? null,
      jobId: context.jobId,
      ...(context.data.correlationId ? { correlationId: context.data.correlationId } : {}),
      ...traced(context.data.traceparent),
      ...(effect.note ? { note: effect.note } : {}),
    });
    if (moves.length === 0) return [entry('annotation', from, from)];
    return moves.map((move) => entry('transition', move.from, move.to));
  }
}

/** The trace id of the step's trace, when the job carries one (tracing on where it was added). */
function traced(traceparent: string | undefined): { traceId?: string } {
  const traceId = traceIdOf(traceparent);
  return traceId ? { traceId } : {};
}

/** Whether the order is flagged already with this refusal (the job that met it aside). */
function sameFlag(attention: Attention | null | undefined, code: AttentionCode, message: string, details?: Record<string, unknown>): boolean {
  return attention?.code === code && attention.message === message && attention.details?.step === details?.step;
}
