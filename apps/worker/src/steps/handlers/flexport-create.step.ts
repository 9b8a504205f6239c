import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig, profileFor } from '@app/config';
import { applyTransition, assertActionAllowed, CanonicalOrder } from '@app/orders';
import { FulfillBody } from '@app/queues';
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
    assertActionAllowed(order, profile, 'fulfill:flexport');
    const created = await this.adapters.provider().createOrder(order, { shipMethod: body.shipMethod });
    const saved = await this.effects.save({ order, ...context }, (current, now) => ({
      order: {
        // The order may have moved while Flexport was called (a cancel request): keep its state and flag it then.
        ...(current.status === 'ready' ? applyTransition(current, 'fulfilling', now, profile) : current),
        fulfillment: {
          provider: 'flexport',
          providerOrderId: created.providerOrderId,
          providerStatus: created.rawStatus,
          shipments: created.shipments,
          trackingPushedAt: null,
          attempt: created.attempt ?? 1,
        },
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
      note: `Flexport order ${created.providerOrderId} created (attempt ${created.attempt ?? 1}, externalOrderId ${created.externalOrderId})`,
    }));
    return { status: saved.status, providerOrderId: created.providerOrderId };
  }
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
