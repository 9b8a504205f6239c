import { Injectable } from '@nestjs/common';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { OrderEffects } from '../order-effects';
import { StepContext, StepHandler, StepResult } from '../step-handler';

/**
 * Flexport carrier codes → the names sales channels know. Joom's accepted
 * list has USPS and DHL; UPS and FedEx are added to the Joom adapter's
 * carriers (see AdapterRegistry) because Flexport ships with them.
 */
export const PROVIDER_CARRIER_NAMES: Record<string, string> = {
  USPS: 'USPS',
  UPS: 'UPS',
  FEDEX: 'FedEx',
  DHL: 'DHL',
  DHL_ECOMMERCE: 'DHL',
};

/**
 * The follow-up of fulfil-via-Flexport: once Flexport has shipped, give the
 * channel Flexport's carrier and tracking number, so the customer sees it.
 * Runs by itself (no caller), once per order (job id `push-<orderId>`).
 */
@Injectable()
export class PushTrackingStep implements StepHandler {
  readonly step = 'push-tracking' as const;

  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly effects: OrderEffects,
  ) {}

  async run({ order, ...context }: StepContext): Promise<StepResult> {
    const shipment = order.fulfillment?.shipments[0];
    if (!shipment) return { skipped: 'no shipment to push yet' };
    if (order.fulfillment?.trackingPushedAt) return { skipped: 'tracking already pushed', at: order.fulfillment.trackingPushedAt };
    const carrier = PROVIDER_CARRIER_NAMES[shipment.carrier.toUpperCase()] ?? shipment.carrier;
    const outcome = await this.adapters.salesChannel(order.channel).fulfillWithTracking(order, { carrier, trackingNumber: shipment.trackingNumber, firstAttempt: context.firstAttempt });
    await this.effects.save({ order, ...context }, (current, now) => ({
      order: { ...current, fulfillment: current.fulfillment && { ...current.fulfillment, trackingPushedAt: now } },
      requestId: outcome.requestId,
      note: `tracking ${carrier} ${shipment.trackingNumber} pushed to ${order.channel}`,
    }));
    return { carrier, trackingNumber: shipment.trackingNumber, alreadyDone: outcome.alreadyDone };
  }
}
