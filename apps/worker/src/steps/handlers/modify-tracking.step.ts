import { Injectable } from '@nestjs/common';
import { assertActionAllowed, CanonicalOrder, Fulfillment, Shipment } from '@app/orders';
import { ModifyTrackingBody } from '@app/queues';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { OrderEffects } from '../order-effects';
import { StepContext, StepHandler, StepResult } from '../step-handler';

/**
 * The merchant's shipment got a new carrier or tracking number: hand it to
 * the channel, then keep it on the order. The order stays `shipped`; the
 * history gets one annotation saying what changed. A retry or a re-run reads
 * the channel's order first and sends nothing when it already shows the new
 * tracking (the adapters' guarded command); a re-run that had saved its
 * effect is never run again (StepProcessor).
 */
@Injectable()
export class ModifyTrackingStep implements StepHandler {
  readonly step = 'modify-tracking' as const;

  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly effects: OrderEffects,
  ) {}

  async run({ order, ...context }: StepContext): Promise<StepResult> {
    const body = context.data.payload as unknown as ModifyTrackingBody;
    const channel = this.adapters.salesChannel(order.channel, order.account);
    // A self-move: the order stays where the command leads, so no re-run exemption is needed (unlike assertStepApplicable).
    assertActionAllowed(order, channel.profile, 'modify_tracking');
    const previous = lastShipment(order);
    const outcome = await channel.modifyTracking(order, { carrier: body.carrier, trackingNumber: body.trackingNumber, firstAttempt: context.firstAttempt });
    const saved = await this.effects.save({ order, ...context }, (current, now) => ({
      order: { ...current, fulfillment: withTracking(current.fulfillment, body, now) },
      requestId: outcome.requestId,
      note: `tracking changed: ${describe(lastShipment(current))} → ${body.carrier} ${body.trackingNumber}`,
    }));
    return {
      status: saved.status,
      carrier: body.carrier,
      trackingNumber: body.trackingNumber,
      previous: previous ? { carrier: previous.carrier, trackingNumber: previous.trackingNumber } : null,
      alreadyDone: outcome.alreadyDone,
    };
  }
}

function lastShipment(order: Pick<CanonicalOrder, 'fulfillment'>): Shipment | undefined {
  return order.fulfillment?.shipments.at(-1);
}

function describe(shipment: Shipment | undefined): string {
  return shipment ? `${shipment.carrier} ${shipment.trackingNumber}` : 'none';
}

/** The merchant's one shipment with the new carrier and number; when it left stays, its old tracking link goes. */
function withTracking(fulfillment: Fulfillment | null, body: ModifyTrackingBody, now: string): Fulfillment {
  const base: Fulfillment = fulfillment ?? { provider: 'merchant', providerOrderId: null, providerStatus: null, shipments: [] };
  const last = base.shipments.at(-1);
  const updated: Shipment = {
    carrier: body.carrier,
    trackingNumber: body.trackingNumber,
    trackingUrl: null,
    shippedAt: last?.shippedAt ?? now,
    deliveredAt: last?.deliveredAt ?? null,
  };
  return { ...base, shipments: [...base.shipments.slice(0, -1), updated] };
}
