import { Injectable } from '@nestjs/common';
import { RemoteRefusedError } from '@app/adapters';
import { DomainError } from '@app/orders';
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
}
