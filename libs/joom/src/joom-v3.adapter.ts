import { CancelCommand, ChangedOrdersPage, ChannelOrder, CommandAttempt, CommandOutcome, RejectCommand, SalesChannelAdapter, TrackingCommand } from '@app/adapters';
import { CanonicalOrder, OrderStatus } from '@app/orders';
import { DEFAULT_ONLINE_PROVIDER, DEFAULT_PAGE_SIZE, JoomAdapterOptions } from './joom-adapter.options';
import { assertCapable, assertRejectLines, GuardedCommand, runGuarded, sameTracking } from './joom-commands';
import { DEFAULT_RESUME_OVERLAP_MS, decodeCursor, encodeCursor, isIsoOrNull, laterIso, resumePoint, sinceOption } from './joom-paging';
import { JOOM_V3_CANCEL_REASONS, mapV3Status } from './joom-v3-status.map';
import { JoomV3Client } from './joom-v3.client';
import { JoomV3Providers } from './joom-v3-providers';
import { mapV3Order } from './joom-v3.mapper';
import { JoomV3OnlineFulfillment, JoomV3Order } from './joom-v3.types';

/** Position in one sync run over `orders/multi` (update-ordered, `after` token). */
interface V3CursorState {
  updatedFrom: string | null;
  after: string | null;
  /** Newest `updateTimestamp` read so far in this run. */
  seen: string | null;
}

/** Canonical states in which a shipment has left: fulfil / modify-tracking effects show here. */
const SHIPPED_OR_LATER: readonly (OrderStatus | null)[] = ['shipped', 'delivered', 'returning', 'returned'];

/**
 * Joom API v3 as a sales channel (profile `joom_v3`): offline and online
 * fulfilment, cancel (= reject of the one line), tracking changes.
 */
export class JoomV3Adapter implements SalesChannelAdapter {
  readonly channel = 'joom' as const;
  readonly profile = 'joom_v3' as const;

  constructor(
    readonly account: string,
    private readonly client: JoomV3Client,
    private readonly providers: JoomV3Providers,
    private readonly options: JoomAdapterOptions = {},
  ) {}

  async getOrder(externalId: string): Promise<ChannelOrder> {
    return mapV3Order(await this.client.getOrder(externalId));
  }

  /** The order's shipping label (PDF) once it was fulfilled online. */
  async shippingLabel(externalId: string): Promise<Buffer> {
    return this.client.shippingLabel(externalId);
  }

  /**
   * Joom re-delivers an order updated mid-run at the end of the list (it is
   * ordered by update time), so resuming from the newest update seen loses nothing.
   */
  async listChangedOrders(cursor: string | null, options: { since?: string; limit?: number } = {}): Promise<ChangedOrdersPage> {
    const state: V3CursorState = cursor ? decodeV3Cursor(cursor) : { updatedFrom: sinceOption(options.since), after: null, seen: null };
    const page = await this.client.listChanged(state.updatedFrom, state.after, options.limit ?? this.options.pageSize ?? DEFAULT_PAGE_SIZE);
    const orders = page.orders.map(mapV3Order);
    const seen = orders.reduce<string | null>((newest, order) => laterIso(newest, order.snapshot.channelUpdatedAt), state.seen);
    const more = page.nextAfter !== null && orders.length > 0;
    const resume = resumePoint({ from: state.updatedFrom, newestSeen: seen, began: null, overlapMs: this.options.resumeOverlapMs ?? DEFAULT_RESUME_OVERLAP_MS });
    return {
      orders,
      nextCursor: more ? encodeCursor('v3', { updatedFrom: state.updatedFrom, after: page.nextAfter, seen }) : null,
      resumeCursor: encodeCursor('v3', { updatedFrom: resume, after: null, seen: null }),
    };
  }

  async fulfillWithTracking(order: CanonicalOrder, command: TrackingCommand): Promise<CommandOutcome> {
    assertCapable(this.profile, 'fulfill:tracking');
    const { providerId } = await this.providers.resolve(command.carrier);
    const id = order.externalId;
    return this.guarded(
      id,
      {
        isDone: (remote) => hasShipped(remote) && sameTracking(remote.shipment?.trackingNumber, command.trackingNumber),
        send: async () => ({ order: await this.client.fulfill(id, { providerId, trackingNumber: command.trackingNumber }) }),
      },
      command,
    );
  }

  /**
   * Joom Logistics ships it: the outcome's details carry the tracking number
   * and the label's carrier name (`shipperName`: the shipper Joom names, else
   * the online provider asked for).
   */
  async fulfillOnline(order: CanonicalOrder, attempt: CommandAttempt = {}): Promise<CommandOutcome> {
    assertCapable(this.profile, 'fulfill:online');
    const id = order.externalId;
    const provider = this.options.onlineProvider ?? DEFAULT_ONLINE_PROVIDER;
    return this.guarded(
      id,
      {
        isDone: (remote) => remote.status === 'fulfilledOnline' || (hasShipped(remote) && Boolean(remote.shipment?.shippingOrderNumber)),
        send: async () => ({ details: onlineDetails(await this.client.fulfillOnline(id, provider), provider) }),
      },
      attempt,
      // Already fulfilled online: the label facts are on the order's shipment.
      (remote) => onlineDetails(remote.shipment ?? {}, provider),
    );
  }

  async cancel(order: CanonicalOrder, command: CancelCommand): Promise<CommandOutcome> {
    assertCapable(this.profile, 'cancel');
    return this.cancelOrder(order.externalId, command);
  }

  async reject(order: CanonicalOrder, command: RejectCommand): Promise<CommandOutcome> {
    assertCapable(this.profile, 'reject');
    const lineIds = assertRejectLines(order, command.lineIds);
    const outcome = await this.cancelOrder(order.externalId, command);
    return { ...outcome, details: { rejectedLineIds: lineIds } };
  }

  async modifyTracking(order: CanonicalOrder, command: TrackingCommand): Promise<CommandOutcome> {
    assertCapable(this.profile, 'modify_tracking');
    const provider = await this.providers.resolve(command.carrier);
    const id = order.externalId;
    return this.guarded(
      id,
      {
        isDone: (remote) => hasShipped(remote) && sameTracking(remote.shipment?.trackingNumber, command.trackingNumber) && this.providers.same(remote.shipment, provider),
        send: async () => ({ order: await this.client.modifyTracking(id, { providerId: provider.providerId, trackingNumber: command.trackingNumber }) }),
      },
      command,
    );
  }

  /** Known reasons go as Joom's `reason`; any other is kept in the `note` rather than refused. */
  private cancelOrder(id: string, { reason, note, firstAttempt }: CancelCommand | RejectCommand): Promise<CommandOutcome> {
    const joomReason = JOOM_V3_CANCEL_REASONS[reason] as string | undefined;
    const body = joomReason ? { reason: joomReason, ...(note ? { note } : {}) } : { note: [reason, note].filter(Boolean).join(': ') };
    return this.guarded(
      id,
      {
        // `cancelled` (by us) or `paidByJoomRefund` (by Joom): either way the order is off.
        isDone: (remote) => mapV3Status(remote.status) === 'cancelled',
        send: async () => ({ order: await this.client.cancel(id, body) }),
      },
      { firstAttempt },
    );
  }

  private async guarded(
    id: string,
    command: Omit<GuardedCommand<JoomV3Order>, 'read'>,
    attempt: CommandAttempt,
    detailsWhenDone?: (remote: JoomV3Order) => Record<string, unknown>,
  ): Promise<CommandOutcome> {
    const result = await runGuarded({ read: () => this.client.getOrder(id), ...command }, { readFirst: !attempt.firstAttempt });
    const details = result.details ?? (result.alreadyDone ? detailsWhenDone?.(result.remote) : undefined);
    return { requestId: null, alreadyDone: result.alreadyDone, order: mapV3Order(result.remote), ...(details ? { details } : {}) };
  }
}

function hasShipped(remote: JoomV3Order): boolean {
  return SHIPPED_OR_LATER.includes(mapV3Status(remote.status));
}

/** The label facts of an online fulfilment: from Joom's answer, or from the order's shipment; `provider` names an unnamed shipper. */
function onlineDetails(source: JoomV3OnlineFulfillment, provider: string): Record<string, unknown> {
  return { trackingNumber: source.trackingNumber ?? null, shippingOrderNumber: source.shippingOrderNumber ?? null, shipperName: source.shipperName ?? provider };
}

function decodeV3Cursor(cursor: string): V3CursorState {
  return decodeCursor('v3', cursor, (raw) => {
    const { updatedFrom, after, seen } = raw;
    const ok = isIsoOrNull(updatedFrom) && isIsoOrNull(seen) && (after === null || (typeof after === 'string' && after !== ''));
    return ok ? { updatedFrom, after: after as string | null, seen } : null;
  });
}
