import { Injectable } from '@nestjs/common';
import { FulfillBody } from '@app/queues';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { OrderEffects } from '../order-effects';
import { StepContext, StepHandler, StepResult } from '../step-handler';
import { assertStepApplicable } from './command-arrival';
import { moveTo } from './move-to';

/** The merchant shipped it: hand the tracking to the channel; the order becomes `shipped`. */
@Injectable()
export class FulfillTrackingStep implements StepHandler {
  readonly step = 'fulfill-tracking' as const;

  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly effects: OrderEffects,
  ) {}

  async run({ order, ...context }: StepContext): Promise<StepResult> {
    const body = context.data.payload as unknown as FulfillBody;
    const channel = this.adapters.salesChannel(order.channel, order.account);
    assertStepApplicable(order, channel.profile, 'fulfill:tracking', !context.firstAttempt);
    const command = { carrier: body.carrier!, trackingNumber: body.trackingNumber!, note: body.note, firstAttempt: context.firstAttempt };
    const outcome = await channel.fulfillWithTracking(order, command);
    const saved = await this.effects.save({ order, ...context }, (current, now) => ({
      order: {
        ...moveTo(current, 'shipped', now, channel.profile),
        fulfillment: {
          provider: 'merchant',
          providerOrderId: null,
          providerStatus: null,
          shipments: [{ carrier: command.carrier, trackingNumber: command.trackingNumber, trackingUrl: null, shippedAt: now, deliveredAt: null }],
        },
      },
      requestId: outcome.requestId,
      note: body.note,
    }));
    return { status: saved.status, alreadyDone: outcome.alreadyDone };
  }
}
