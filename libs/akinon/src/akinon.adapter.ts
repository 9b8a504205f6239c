import { CancelCommand, CancellationPlanFeed, ChangedOrdersPage, ChannelOrder, CommandOutcome, RejectCommand, SalesChannelAdapter, TrackingCommand } from '@app/adapters';
import { CanonicalOrder, CapabilityUnsupportedError, CHANNEL_CAPABILITIES, OrderAction } from '@app/orders';
import { AkinonOrderFeed } from './akinon-order.feed';
import { applyAkinonPlan } from './akinon-plan.effect';
import { AkinonOrderReader } from './akinon-order.reader';
import { AkinonRejection } from './akinon-rejection.command';
import { AkinonOrderBundle } from './akinon.types';

/**
 * Akinon seller order API behind the one sales-channel port. Akinon takes no
 * merchant tracking (fulfil through Flexport instead), so tracking and
 * online-label commands are refused before any HTTP call; cancel and reject
 * both become per-item rejects.
 */
export class AkinonAdapter implements SalesChannelAdapter {
  readonly channel = 'akinon' as const;
  readonly profile = 'akinon' as const;
  /**
   * Akinon's cancellation plans, so the sync treats a waiting plan as a
   * cancel request for its items (→ cancelling) and a completed one as
   * cancelled, and cancels the Flexport order too once every item is
   * (docs/api-decisions.md AK-10, AK-12).
   */
  readonly cancellationPlans: CancellationPlanFeed = {
    list: (cursor, options) => this.feed.cancellationPlans(cursor, options),
    effect: applyAkinonPlan,
  };

  constructor(
    readonly account: string,
    private readonly reader: AkinonOrderReader,
    private readonly feed: AkinonOrderFeed,
    private readonly rejection: AkinonRejection,
    private readonly toChannelOrder: (bundle: AkinonOrderBundle) => ChannelOrder,
  ) {}

  /**
   * 3 reads: `orders/?number=` (matched on id; the document has no route by
   * id, docs/api-decisions.md AK-1), its items, its shipping address. Without
   * a number the order cannot be read: `AkinonOrderNumberMissingError`.
   */
  async getOrder(externalId: string, externalNumber?: string | null): Promise<ChannelOrder> {
    const { bundle } = await this.reader.readOne({ id: externalId, number: externalNumber });
    return this.toChannelOrder(bundle);
  }

  listChangedOrders(cursor: string | null, options?: { since?: string; limit?: number }): Promise<ChangedOrdersPage> {
    return this.feed.changedOrders(cursor, options);
  }

  async fulfillWithTracking(_order: CanonicalOrder, _command: TrackingCommand): Promise<CommandOutcome> {
    return this.unsupported('fulfill:tracking');
  }

  async fulfillOnline(_order: CanonicalOrder): Promise<CommandOutcome> {
    return this.unsupported('fulfill:online');
  }

  async modifyTracking(_order: CanonicalOrder, _command: TrackingCommand): Promise<CommandOutcome> {
    return this.unsupported('modify_tracking');
  }

  /** Rejects every item that can still be rejected; refused ones are reported in `details`. */
  async cancel(order: CanonicalOrder, _command: CancelCommand): Promise<CommandOutcome> {
    this.require('cancel');
    return this.rejection.run(order, 'cancel');
  }

  /** `lineIds` absent = every item that can still be rejected. Akinon's reject takes no reason. */
  async reject(order: CanonicalOrder, command: RejectCommand): Promise<CommandOutcome> {
    this.require('reject');
    return this.rejection.run(order, 'reject', command.lineIds);
  }

  private unsupported(action: OrderAction): never {
    this.require(action);
    // Only reached if the capability table ever grants it without an implementation here.
    throw new CapabilityUnsupportedError(this.profile, action);
  }

  /** The capability table decides, before any HTTP call. */
  private require(action: OrderAction): void {
    if (!CHANNEL_CAPABILITIES[this.profile].includes(action)) throw new CapabilityUnsupportedError(this.profile, action);
  }
}
