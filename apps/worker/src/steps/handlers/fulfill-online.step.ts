import { Injectable } from '@nestjs/common';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { OrderEffects } from '../order-effects';
import { StepContext, StepHandler, StepResult } from '../step-handler';
import { assertStepApplicable } from './command-arrival';
import { moveTo } from './move-to';

/** Joom Logistics ships it (Joom v3): the order becomes `fulfilling` with the label's tracking number. */
@Injectable()
export class FulfillOnlineStep implements StepHandler {
  readonly step = 'fulfill-online' as const;

  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly effects: OrderEffects,
  ) {}

  async run({ order, ...context }: StepContext): Promise<StepResult> {
    const channel = this.adapters.salesChannel(order.channel, order.account);
    assertStepApplicable(order, channel.profile, 'fulfill:online', !context.firstAttempt);
    const outcome = await channel.fulfillOnline(order, { firstAttempt: context.firstAttempt });
    const trackingNumber = typeof outcome.details?.trackingNumber === 'string' ? outcome.details.trackingNumber : null;
    // The adapter names the label's carrier (Joom v3: the shipper, else the online provider it asked for).
    const carrier = typeof outcome.details?.shipperName === 'string' ? outcome.details.shipperName : '';
    const saved = await this.effects.save({ order, ...context }, (current, now) => ({
      order: {
        ...moveTo(current, 'fulfilling', now, channel.profile),
        fulfillment: {
          provider: 'joom_logistics',
          providerOrderId: typeof outcome.details?.shippingOrderNumber === 'string' ? outcome.details.shippingOrderNumber : null,
          providerStatus: null,
          shipments: trackingNumber ? [{ carrier, trackingNumber, trackingUrl: null, shippedAt: null, deliveredAt: null }] : [],
        },
      },
      requestId: outcome.requestId,
    }));
    return { status: saved.status, trackingNumber, alreadyDone: outcome.alreadyDone };
  }
}
