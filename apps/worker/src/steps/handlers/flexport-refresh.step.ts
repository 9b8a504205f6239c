import { Injectable } from '@nestjs/common';
import { ProviderOrder, RemoteNotFoundError } from '@app/adapters';
import { applyTransition, CanonicalOrder, forwardPath, OrderStatus } from '@app/orders';
import { AdapterRegistry } from '../../adapters/adapter-registry';
import { Effect, OrderEffects } from '../order-effects';
import { StepContext, StepHandler, StepResult } from '../step-handler';
import { attentionForProviderError, isProviderErrorAttention } from './provider-attention';
import { partsChanged, partsInFlight, partsProgress } from './flexport-parts-progress';

/**
 * Reads a Flexport order (after a webhook, or from the in-flight poll) and
 * carries its progress into the canonical order: SHIPPED → `shipped` with
 * Flexport's shipments, DELIVERED → `delivered`, ERROR → attention, a
 * cancel we did not ask for → back to `ready` and flagged. When the order
 * ships, the tracking push to the channel is queued.
 */
@Injectable()
export class FlexportRefreshStep implements StepHandler {
  readonly step = 'flexport-refresh' as const;

  constructor(
    private readonly adapters: AdapterRegistry,
    private readonly effects: OrderEffects,
  ) {}

  async run({ order, ...context }: StepContext): Promise<StepResult> {
    if (order.fulfillment?.provider === 'flexport' && order.fulfillment.parts?.length) return this.refreshParts({ order, ...context });
    const providerOrderId = order.fulfillment?.provider === 'flexport' ? order.fulfillment.providerOrderId : null;
    if (!providerOrderId) return { skipped: 'the order is not routed to Flexport' };
    const remote = await this.adapters
      .provider()
      .getOrder(providerOrderId)
      .catch((error: unknown) => (error instanceof RemoteNotFoundError ? null : Promise.reject(error)));
    if (!remote) {
      // The Flexport order vanished: nothing to follow any more, a human must decide.
      if (order.attention?.code !== 'remote_missing') {
        await this.effects.flag(context, 'remote_missing', `Flexport has no order ${providerOrderId} any more`, { providerOrderId });
      }
      return { status: order.status, missing: providerOrderId };
    }
    const changed = changesAnything(order, remote);
    const saved = changed ? await this.effects.save({ order, ...context }, (current, now) => progress(current, remote, now)) : order;
    return { status: saved.status, providerStatus: remote.rawStatus, changed, pushTracking: needsTrackingPush(saved) };
  }

  /** An order in several Flexport orders (docs/api-decisions.md FX-9): every part still in flight is read, and each moves its own lines. */
  private async refreshParts({ order, ...context }: StepContext): Promise<StepResult> {
    const remotes = new Map<number, ProviderOrder>();
    for (const part of partsInFlight(order)) {
      const remote = await this.adapters
        .provider()
        .getOrder(part.providerOrderId)
        .catch((error: unknown) => (error instanceof RemoteNotFoundError ? null : Promise.reject(error)));
      if (remote) {
        remotes.set(part.attempt, remote);
        continue;
      }
      if (order.attention?.code !== 'remote_missing') {
        await this.effects.flag(context, 'remote_missing', `Flexport has no order ${part.providerOrderId} any more`, { providerOrderId: part.providerOrderId });
      }
      return { status: order.status, missing: part.providerOrderId };
    }
    const changed = partsChanged(order, remotes);
    const saved = changed ? await this.effects.save({ order, ...context }, (current, now) => partsProgress(current, remotes, now)) : order;
    return { status: saved.status, changed, pushTracking: needsTrackingPush(saved) };
  }

  resumeResult(order: CanonicalOrder): StepResult {
    return { pushTracking: needsTrackingPush(order) };
  }
}

/** Joom shows the customer the tracking only once we push Flexport's to it (Akinon has no such call). */
function needsTrackingPush(order: CanonicalOrder): boolean {
  return order.channel === 'joom' && ['shipped', 'delivered'].includes(order.status) && !order.fulfillment?.trackingPushedAt && (order.fulfillment?.shipments.length ?? 0) > 0;
}

function changesAnything(order: CanonicalOrder, remote: ProviderOrder): boolean {
  const fulfillment = order.fulfillment!;
  return fulfillment.providerStatus !== remote.rawStatus || fulfillment.shipments.length !== remote.shipments.length || (remote.error !== null) !== isProviderErrorAttention(order.attention);
}

function progress(current: CanonicalOrder, remote: ProviderOrder, now: string): Effect {
  const fulfillment = { ...current.fulfillment!, providerStatus: remote.rawStatus, shipments: remote.shipments.length ? remote.shipments : current.fulfillment!.shipments };
  const base: CanonicalOrder = { ...current, fulfillment, attention: attentionForProviderError(remote, now) ?? clearedProviderAttention(current) };
  const note = `Flexport ${remote.providerOrderId} is ${remote.rawStatus}`;

  const weCancelled = current.fulfillment?.providerStatus === 'CANCELLED';
  if (remote.status === 'cancelled' && current.status === 'fulfilling' && !weCancelled) {
    // Flexport dropped an order we did not cancel: it must be fulfilled again.
    const released = applyTransition(base, 'ready', now);
    return {
      order: { ...released, attention: { code: 'fulfillment_error', message: `Flexport cancelled order ${remote.providerOrderId}; the order is ready to fulfil again`, since: now } },
      note,
      requestId: remote.requestId,
    };
  }
  const path = remote.status && ['shipped', 'delivered'].includes(remote.status) ? forwardPath(current.status, remote.status) : null;
  if (!path || path.length === 0) return { order: base, note, requestId: remote.requestId };
  const moved = path.reduce((order, to) => applyTransition(order, to, now), base);
  const transitions = path.map((to, i) => ({ from: (i === 0 ? current.status : path[i - 1]) as OrderStatus, to }));
  return { order: moved, transitions, note, requestId: remote.requestId };
}

function clearedProviderAttention(order: CanonicalOrder): CanonicalOrder['attention'] {
  return isProviderErrorAttention(order.attention) ? null : order.attention;
}
