import { CancelCommand, ChangedOrdersPage, ChannelOrder, CommandAttempt, CommandOutcome, RejectCommand, SalesChannelAdapter, TrackingCommand } from '@app/adapters';
import { DEFAULT_JOOM_V2_SHIPPING_TIME, shippingTimeProblem } from '@app/config';
import { CanonicalOrder, CapabilityUnsupportedError } from '@app/orders';
import { DEFAULT_PAGE_SIZE, JoomAdapterOptions } from './joom-adapter.options';
import { JoomCarriers } from './joom-carriers';
import { assertCapable, assertRejectLines, GuardedCommand, runGuarded, sameTracking } from './joom-commands';
import { DEFAULT_RESUME_OVERLAP_MS, decodeCursor, encodeCursor, isIsoOrNull, laterIso, resumePoint, sinceOption } from './joom-paging';
import { isoToV2Time } from './joom-time';
import { JOOM_V2_OTHER_REASON_CODE, refundReasonCode } from './joom-v2-status.map';
import { JoomV2Client } from './joom-v2.client';
import { JOOM_V2_CURRENCY, mapV2Order, V2MapContext } from './joom-v2.mapper';
import { JoomV2Order } from './joom-v2.types';

/** Position in one sync run over `order/multi-get` (offset paging under a fixed `since`). */
interface V2CursorState {
  since: string | null;
  start: number;
  /** Newest `last_updated` read so far in this run. */
  seen: string | null;
  /** Joom's clock at the run's first page: changes after it may sit on pages already read. */
  began: string | null;
}

/**
 * Joom merchant API v2 as a sales channel (profile `joom_v2`). No online
 * fulfilment; cancel and reject are both `order/refund` of the whole order
 * (one order = one line).
 */
export class JoomV2Adapter implements SalesChannelAdapter {
  readonly channel = 'joom' as const;
  readonly profile = 'joom_v2' as const;
  /** Sent with every `order/fulfill-one` (docs/api-decisions.md JO-1). */
  private readonly shippingTime: string;
  /** What the mapper needs beyond the order (currency, docs/api-decisions.md JO-4). */
  private readonly context: V2MapContext;

  constructor(
    readonly account: string,
    private readonly client: JoomV2Client,
    private readonly carriers: JoomCarriers,
    private readonly options: JoomAdapterOptions = {},
  ) {
    this.context = { currency: options.v2Currency ?? JOOM_V2_CURRENCY };
    this.shippingTime = options.v2ShippingTime ?? DEFAULT_JOOM_V2_SHIPPING_TIME;
    const problem = shippingTimeProblem(this.shippingTime);
    if (problem) throw new Error(`Joom v2 shipping time "${this.shippingTime}" ${problem}`);
  }

  async getOrder(externalId: string): Promise<ChannelOrder> {
    return mapV2Order(await this.client.getOrder(externalId), this.context);
  }

  async listChangedOrders(cursor: string | null, options: { since?: string; limit?: number } = {}): Promise<ChangedOrdersPage> {
    const state: V2CursorState = cursor ? decodeV2Cursor(cursor) : { since: sinceOption(options.since), start: 0, seen: null, began: null };
    const limit = options.limit ?? this.options.pageSize ?? DEFAULT_PAGE_SIZE;
    const page = await this.client.listChanged(state.since ? isoToV2Time(state.since) : null, state.start, limit);
    const orders = page.orders.map((raw) => mapV2Order(raw, this.context));
    const seen = orders.reduce<string | null>((newest, order) => laterIso(newest, order.snapshot.channelUpdatedAt), state.seen);
    const began = state.began ?? page.serverTime ?? new Date().toISOString();
    const more = page.nextStart !== null && orders.length > 0;
    const resume = resumePoint({ from: state.since, newestSeen: seen, began, overlapMs: this.options.resumeOverlapMs ?? DEFAULT_RESUME_OVERLAP_MS });
    return {
      orders,
      nextCursor: more ? encodeCursor('v2', { since: state.since, start: page.nextStart, seen, began }) : null,
      resumeCursor: encodeCursor('v2', { since: resume, start: 0, seen: null, began: null }),
    };
  }

  async fulfillWithTracking(order: CanonicalOrder, command: TrackingCommand): Promise<CommandOutcome> {
    assertCapable(this.profile, 'fulfill:tracking');
    const provider = this.carriers.resolve(command.carrier);
    const id = order.externalId;
    return this.guarded(
      id,
      {
        isDone: (remote) => remote.state === 'SHIPPED' && sameTracking(remote.tracking_number, command.trackingNumber),
        send: async () => {
          await this.client.fulfillOne(id, { provider, trackingNumber: command.trackingNumber, shipNote: command.note, shippingTime: this.shippingTime });
          return {};
        },
      },
      command,
    );
  }

  /** v2 has no online shipping (capability table): refused before any HTTP call. */
  async fulfillOnline(_order: CanonicalOrder): Promise<CommandOutcome> {
    throw new CapabilityUnsupportedError(this.profile, 'fulfill:online');
  }

  async cancel(order: CanonicalOrder, command: CancelCommand): Promise<CommandOutcome> {
    assertCapable(this.profile, 'cancel');
    return this.refund(order.externalId, command);
  }

  async reject(order: CanonicalOrder, command: RejectCommand): Promise<CommandOutcome> {
    assertCapable(this.profile, 'reject');
    const lineIds = assertRejectLines(order, command.lineIds);
    const outcome = await this.refund(order.externalId, command);
    return { ...outcome, details: { rejectedLineIds: lineIds } };
  }

  async modifyTracking(order: CanonicalOrder, command: TrackingCommand): Promise<CommandOutcome> {
    assertCapable(this.profile, 'modify_tracking');
    const provider = this.carriers.resolve(command.carrier);
    const id = order.externalId;
    return this.guarded(
      id,
      {
        isDone: (remote) => remote.state === 'SHIPPED' && sameTracking(remote.tracking_number, command.trackingNumber) && this.carriers.same(remote.shipping_provider, provider),
        send: async () => {
          await this.client.modifyTracking(id, { provider, trackingNumber: command.trackingNumber });
          return {};
        },
      },
      command,
    );
  }

  /** Reason codes from the document's table; anything else is -1 "other", whose note Joom requires. */
  private refund(id: string, { reason, note, firstAttempt }: CancelCommand | RejectCommand): Promise<CommandOutcome> {
    const code = refundReasonCode(reason);
    const reasonNote = code === JOOM_V2_OTHER_REASON_CODE ? note?.trim() || reason : note;
    return this.guarded(
      id,
      {
        isDone: (remote) => remote.state === 'REFUNDED',
        send: async () => {
          await this.client.refund(id, code, reasonNote);
          return {};
        },
      },
      { firstAttempt },
    );
  }

  private async guarded(id: string, command: Omit<GuardedCommand<JoomV2Order>, 'read'>, attempt: CommandAttempt): Promise<CommandOutcome> {
    const result = await runGuarded({ read: () => this.client.getOrder(id), ...command }, { readFirst: !attempt.firstAttempt });
    return { requestId: null, alreadyDone: result.alreadyDone, order: mapV2Order(result.remote, this.context) };
  }
}

function decodeV2Cursor(cursor: string): V2CursorState {
  return decodeCursor('v2', cursor, (raw) => {
    const { since, start, seen, began } = raw;
    const ok = isIsoOrNull(since) && isIsoOrNull(seen) && isIsoOrNull(began) && Number.isInteger(start) && (start as number) >= 0;
    return ok ? { since, start: start as number, seen, began } : null;
  });
}
