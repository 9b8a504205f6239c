import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig, profileFor } from '@app/config';
import { ProviderOrder } from '@app/adapters';
import { applyTransition, CanonicalOrder, ChannelProfile, Fulfillment, rollUpStatus, unfulfilledLineIds } from '@app/orders';
import { assertCommandApplicable, FulfillBody } from '@app/queues';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { OrderEffects } from '../order-effects';
import { StepContext, StepHandler, StepResult } from '../step-handler';
import { attentionForProviderError } from './provider-attention';

/**
 * Fulfil via Flexport: create the Flexport order (idempotent per fulfilment
 * attempt — its externalOrderId and idempotency-key; docs/api-decisions.md
 * FX-1, FX-2); the order becomes `fulfilling` and records the attempt, so a
 * repeat of this step sends the same attempt and a re-fulfilment after
 * Flexport cancelled sends the next. Its tracking goes back to the channel
 * when Flexport ships it.
 *
 * Only lines no fulfil has taken are sent — those the body names, else every
 * one still to fulfil — so a rejected or cancelled line is never shipped and
 * no line goes in two Flexport orders. When lines stay behind, or the order
 * already has parts, the Flexport order is recorded as one part of several
 * (`fulfillment.parts`, docs/api-decisions.md FX-9): only its lines move to
 * `fulfilling` and the order rolls up from its lines.
 */
@Injectable()
export class FlexportCreateStep implements StepHandler {
  readonly step = 'flexport-create' as const;

  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly effects: OrderEffects,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async run({ order, ...context }: StepContext): Promise<StepResult> {
    const body = context.data.payload as unknown as FulfillBody;
    const profile = profileFor(order.channel, this.config, order.account);
    assertCommandApplicable(order, profile, 'fulfill', body);
    const lineIds = body.lines?.map((line) => line.lineId) ?? unfulfilledLineIds(order);
    const created = await this.adapters.provider().createOrder(order, { shipMethod: body.shipMethod, lineIds });
    const attempt = created.attempt ?? 1;
    const saved = await this.effects.save({ order, ...context }, (current, now) => {
      const split = (current.fulfillment?.parts?.length ?? 0) > 0 || unfulfilledLineIds(current).some((id) => !lineIds.includes(id));
      // The order may have moved while Flexport was called (a cancel request): keep its state and flag it then.
      const moved = current.status !== 'ready' ? current : split ? withLinesSent(current, lineIds, now, profile) : applyTransition(current, 'fulfilling', now, profile);
      return {
        order: {
          ...moved,
          fulfillment: split ? partFulfillment(current, created, lineIds) : wholeFulfillment(created),
          attention:
            current.status === 'ready'
              ? (attentionForProviderError(created, now) ?? withoutSettledFulfilmentFlag(current.attention))
              : {
                  code: 'fulfillment_error',
                  message: `Flexport order ${created.providerOrderId} was created while the order became ${current.status}; cancel it at Flexport or fulfil`,
                  since: now,
                  details: { providerOrderId: created.providerOrderId },
                },
        },
        requestId: created.requestId,
        note: `Flexport order ${created.providerOrderId} created (attempt ${attempt}, externalOrderId ${created.externalOrderId}${split ? `, lines ${lineIds.join(', ')}` : ''})`,
      };
    });
    return { status: saved.status, providerOrderId: created.providerOrderId };
  }
}

function wholeFulfillment(created: ProviderOrder): Fulfillment {
  return { provider: 'flexport', providerOrderId: created.providerOrderId, providerStatus: created.rawStatus, shipments: created.shipments, trackingPushedAt: null, attempt: created.attempt ?? 1 };
}

/** The new part beside the order's other parts (a part of the same attempt is the same Flexport order, replaced); the top-level fields describe it. */
function partFulfillment(current: CanonicalOrder, created: ProviderOrder, lineIds: readonly string[]): Fulfillment {
  const attempt = created.attempt ?? 1;
  const earlier = current.fulfillment?.provider === 'flexport' ? (current.fulfillment.parts ?? []) : [];
  const parts = [
    ...earlier.filter((part) => part.attempt !== attempt),
    { attempt, providerOrderId: created.providerOrderId, providerStatus: created.rawStatus, lineIds: [...lineIds], shipments: created.shipments },
  ];
  return { ...wholeFulfillment(created), shipments: parts.flatMap((part) => part.shipments), trackingPushedAt: current.fulfillment?.trackingPushedAt ?? null, parts };
}

/** Only the lines sent move to `fulfilling`; the order takes the roll-up of its lines (still `ready` while some wait, line-rollup.ts). */
function withLinesSent(current: CanonicalOrder, lineIds: readonly string[], now: string, profile: ChannelProfile): CanonicalOrder {
  const lines = current.lines.map((line) => (lineIds.includes(line.id) && line.status === 'ready' ? { ...line, status: 'fulfilling' as const } : line));
  const status = rollUpStatus(lines);
  if (status === current.status) return { ...current, lines, updatedAt: now };
  return applyTransition({ ...current, lines }, status, now, profile);
}

/**
 * A flag the new Flexport order settles: the previous attempt's cancellation
 * or a refused create of this step. Anything else stays for a human.
 */
function withoutSettledFulfilmentFlag(attention: CanonicalOrder['attention']): CanonicalOrder['attention'] {
  if (attention?.code === 'fulfillment_error') return null;
  if (attention?.code === 'command_failed' && attention.details?.step === 'flexport-create') return null;
  return attention;
}
