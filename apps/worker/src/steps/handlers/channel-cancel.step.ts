import { Injectable } from '@nestjs/common';
import { CanonicalOrder } from '@app/orders';
import { CancelBody } from '@app/queues';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { OrderEffects } from '../order-effects';
import { StepContext, StepHandler, StepResult } from '../step-handler';
import { effectOfOutcome } from './channel-outcome';
import { alreadyArrived, assertStepApplicable } from './command-arrival';
import { moveTo } from './move-to';

/** Cancel at the channel (Joom refund / v3 cancel, Akinon: reject every item still rejectable). */
@Injectable()
export class ChannelCancelStep implements StepHandler {
  readonly step = 'channel-cancel' as const;

  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly effects: OrderEffects,
  ) {}

  async run({ order, ...context }: StepContext): Promise<StepResult> {
    const body = context.data.payload as unknown as CancelBody;
    const channel = this.adapters.salesChannel(order.channel, order.account);
    assertStepApplicable(order, channel.profile, 'cancel', !context.firstAttempt);
    const outcome = await channel.cancel(order, { reason: body.reason, note: body.note, firstAttempt: context.firstAttempt });
    const saved = await this.effects.save({ order, ...context }, (current, now) => {
      // Already closed (an Akinon cancel rejects every item, so the order ends `rejected`): nothing left to move.
      const effect = effectOfOutcome(current, outcome, now, () => (alreadyArrived(current, 'cancel') ? current : moveTo(current, 'cancelled', now, channel.profile)));
      return { ...effect, order: withCancellation(effect.order, body, context.data.requestedBy, now), note: body.note };
    });
    return { status: saved.status, alreadyDone: outcome.alreadyDone, ...(outcome.details ? { details: outcome.details } : {}) };
  }
}

function withCancellation(order: CanonicalOrder, body: CancelBody, requestedBy: string, now: string): CanonicalOrder {
  const note = body.note ? `${body.note} (${requestedBy})` : requestedBy;
  return { ...order, cancellation: { reason: body.reason, requestedBy: 'merchant', note, at: now } };
}
