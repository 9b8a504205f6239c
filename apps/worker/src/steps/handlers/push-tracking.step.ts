import { Injectable } from '@nestjs/common';
import { flexportCarrierName } from '@app/flexport';
import { DomainError } from '@app/orders';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { OrderEffects } from '../order-effects';
import { StepContext, StepHandler, StepResult } from '../step-handler';

/** The channel has no name for the shipment's carrier: nothing was sent, the order is flagged `carrier_unmapped`. */
export class CarrierUnmappedError extends DomainError {
  readonly code = 'carrier_unmapped';
}

/**
 * The follow-up of fulfil-via-Flexport: once Flexport has shipped, give the
 * channel Flexport's carrier and tracking number, so the customer sees it.
 * Both adapter libraries name the carrier: libs/flexport its code (FEDEX →
 * FedEx), the channel adapter the name it sends (or `invalid_carrier`).
 * Runs by itself (no caller), once per order (job id `push-<orderId>`).
 *
 * A carrier the channel cannot name (Joom answers `invalid_carrier` before any
 * call) fails the job for good with the order flagged `carrier_unmapped`:
 * retrying cannot help until the carrier table changes, after which
 * `POST /v1/jobs/push-<orderId>/retry` sends it (docs/api-decisions.md CA-5).
 */
@Injectable()
export class PushTrackingStep implements StepHandler {
  readonly step = 'push-tracking' as const;

  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly effects: OrderEffects,
  ) {}

  async run({ order, ...context }: StepContext): Promise<StepResult> {
    // The first shipment only: the channels this pushes to are Joom, whose orders are one line, never split in parts (LP-3).
    const shipment = order.fulfillment?.shipments[0];
    if (!shipment) return { skipped: 'no shipment to push yet' };
    if (order.fulfillment?.trackingPushedAt) return { skipped: 'tracking already pushed', at: order.fulfillment.trackingPushedAt };
    const carrier = flexportCarrierName(shipment.carrier);
    const channel = this.adapters.salesChannel(order.channel, order.account);
    let outcome: Awaited<ReturnType<typeof channel.fulfillWithTracking>>;
    try {
      outcome = await channel.fulfillWithTracking(order, { carrier, trackingNumber: shipment.trackingNumber, firstAttempt: context.firstAttempt });
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'invalid_carrier')) throw error;
      const message = `carrier ${carrier} of the Flexport shipment has no ${order.channel} name; tracking ${shipment.trackingNumber} not sent (${error.message})`;
      await this.effects.flag(context, 'carrier_unmapped', message, { carrier, flexportCarrier: shipment.carrier, trackingNumber: shipment.trackingNumber, jobId: context.jobId });
      throw new CarrierUnmappedError(message, { carrier });
    }
    await this.effects.save({ order, ...context }, (current, now) => ({
      order: {
        ...current,
        fulfillment: current.fulfillment && { ...current.fulfillment, trackingPushedAt: now },
        // A replay after the carrier table was fixed resolves what the failed push flagged.
        attention: current.attention?.code === 'carrier_unmapped' ? null : current.attention,
      },
      requestId: outcome.requestId,
      note: `tracking ${carrier} ${shipment.trackingNumber} pushed to ${order.channel}`,
    }));
    return { carrier, trackingNumber: shipment.trackingNumber, alreadyDone: outcome.alreadyDone };
  }
}
