import { Injectable } from '@nestjs/common';
import { RemoteRefusedError } from '@app/adapters';
import { DomainError, liveFlexportParts } from '@app/orders';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { OrderEffects } from '../order-effects';
import { StepContext, StepHandler, StepResult } from '../step-handler';

/** Flexport refused to cancel (it has shipped): the order keeps its state and is flagged. */
export class FlexportCancelRefusedError extends DomainError {
  readonly code = 'cancel_refused';
}

/**
 * First half of cancelling an order routed to Flexport: cancel the Flexport
 * order. Only when that worked does the channel cancel run (the next step).
 */
@Injectable()
export class FlexportCancelStep implements StepHandler {
  readonly step = 'flexport-cancel' as const;

  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly effects: OrderEffects,
  ) {}

  async run({ order, ...context }: StepContext): Promise<StepResult> {
    if (order.fulfillment?.parts?.length) return this.cancelParts({ order, ...context });
    const providerOrderId = order.fulfillment?.providerOrderId;
    if (!providerOrderId) return { skipped: 'the order has no Flexport order' };
    const reason = String(context.data.payload.reason ?? 'cancelled');
    try {
      const cancelled = await this.adapters.provider().cancel(providerOrderId, reason);
      await this.effects.save({ order, ...context }, (current) => ({
        order: { ...current, fulfillment: current.fulfillment && { ...current.fulfillment, providerStatus: cancelled.rawStatus } },
        requestId: cancelled.requestId,
        note: `Flexport order ${providerOrderId} cancelled`,
      }));
      return { providerOrderId, providerStatus: cancelled.rawStatus };
    } catch (error) {
      if (!(error instanceof RemoteRefusedError)) throw error;
      const message = `Flexport refused to cancel order ${providerOrderId}: ${error.message}`;
      await this.effects.flag({ ...context }, 'cancel_refused', message, { providerOrderId, remoteCode: error.remoteCode });
      throw new FlexportCancelRefusedError(message, { providerOrderId });
    }
  }

  /**
   * An order in several Flexport orders (docs/api-decisions.md FX-9): every
   * part not cancelled yet is cancelled, one at a time; the first refusal (a
   * part has shipped) keeps what was cancelled before it, flags the order and
   * stops the channel cancel, as for one Flexport order.
   */
  private async cancelParts({ order, ...context }: StepContext): Promise<StepResult> {
    const reason = String(context.data.payload.reason ?? 'cancelled');
    const cancelled = new Map<number, string>();
    let requestId: string | null = null;
    let refusal: { providerOrderId: string; error: RemoteRefusedError } | null = null;
    for (const part of liveFlexportParts(order)) {
      try {
        const result = await this.adapters.provider().cancel(part.providerOrderId, reason);
        cancelled.set(part.attempt, result.rawStatus);
        requestId = result.requestId;
      } catch (error) {
        if (!(error instanceof RemoteRefusedError)) throw error;
        refusal = { providerOrderId: part.providerOrderId, error };
        break;
      }
    }
    if (cancelled.size > 0) {
      const ids = (order.fulfillment?.parts ?? []).filter((part) => cancelled.has(part.attempt)).map((part) => part.providerOrderId);
      await this.effects.save({ order, ...context }, (current) => {
        const parts = (current.fulfillment?.parts ?? []).map((part) => (cancelled.has(part.attempt) ? { ...part, providerStatus: cancelled.get(part.attempt)! } : part));
        const latest = parts[parts.length - 1];
        return {
          order: { ...current, fulfillment: current.fulfillment && { ...current.fulfillment, providerStatus: latest?.providerStatus ?? null, parts } },
          requestId,
          note: `Flexport order ${ids.join(', ')} cancelled`,
        };
      });
    }
    if (refusal) {
      const message = `Flexport refused to cancel order ${refusal.providerOrderId}: ${refusal.error.message}`;
      await this.effects.flag({ ...context }, 'cancel_refused', message, { providerOrderId: refusal.providerOrderId, remoteCode: refusal.error.remoteCode });
      throw new FlexportCancelRefusedError(message, { providerOrderId: refusal.providerOrderId });
    }
    return { cancelled: [...cancelled.keys()].length };
  }
}
