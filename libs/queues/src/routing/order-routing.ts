import { Inject, Injectable, Logger } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { CanonicalOrder, DomainError, HistoryEntry, HoldReason, placeHold, recordRouting, RoutingDecision, routingActor, routingTurn } from '@app/orders';
import { OrderRepository } from '@app/store';
import { CommandInProgressError } from '../command-errors';
import { CommandRouter } from '../command-router';
import { stepJobId } from '../step-jobs';
import { fulfilBodyOf } from './routing-dry-run';

/** What one pass of routing did, for the sync's stats and logs. */
export interface RoutingStats {
  fulfill: number;
  hold: number;
  none: number;
  refused: number;
}

/**
 * Carries out routing decisions (docs/api-decisions.md RT-1, RT-2): a new
 * ready order without holds is matched against ROUTING_RULES_FILE's rules
 * and fulfilled through the one command pipeline (CommandRouter, actor
 * `routing-rule:<name>`), held (a `rule` hold), or left to callers; the
 * decision is recorded on the order so it is taken once. Without a rules
 * file nothing here runs.
 */
@Injectable()
export class OrderRouting {
  private readonly logger = new Logger('OrderRouting');

  constructor(
    private readonly orders: OrderRepository,
    private readonly router: CommandRouter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.routing);
  }

  /** Routes the orders a sync page stored, one after the other (each at most one command). */
  async routeAll(orders: readonly CanonicalOrder[]): Promise<RoutingStats> {
    const stats: RoutingStats = { fulfill: 0, hold: 0, none: 0, refused: 0 };
    if (!this.config.routing) return stats;
    for (const order of orders) {
      const outcome = await this.routeOne(order);
      if (outcome) stats[outcome]++;
    }
    return stats;
  }

  /** Routes one order if it is its turn (routingTurn); null when it was not. */
  async routeOne(order: CanonicalOrder): Promise<keyof RoutingStats | null> {
    const rules = this.config.routing?.rules;
    if (!rules) return null;
    const turn = routingTurn(order, rules);
    if ('skipped' in turn) return null;
    const { decision } = turn;
    if (decision.action.type === 'fulfill') return this.fulfil(order, decision);
    if (decision.action.type === 'none') return (await this.record(order, decision)) ? 'none' : null;
    try {
      // Under the order's command lease, like a person's hold (HO-4): it cannot race a fulfil taken in meanwhile.
      return (await this.router.exclusively(order.id, () => this.record(order, decision))) ? 'hold' : null;
    } catch (error) {
      // Busy with a command: not decided now (a recorded hold that was never placed would read as released, RT-2).
      if (error instanceof CommandInProgressError) return null;
      throw error;
    }
  }

  /**
   * After a hold came off (a release, an address correction): routes the
   * order if that made it its turn, and answers the order as it stands then.
   * The release is saved whatever routing does: a routing failure is logged,
   * and the order is routed when a sync brings it next (until then the dry
   * run shows it as routing's to act on; README *Routing rules*).
   */
  async routeReleased(order: CanonicalOrder): Promise<CanonicalOrder> {
    if (!this.config.routing) return order;
    try {
      return (await this.routeOne(order)) ? ((await this.orders.get(order.id)) ?? order) : order;
    } catch (error) {
      this.logger.warn(`routing ${order.id} after its hold came off failed: ${error instanceof Error ? error.message : String(error)}`);
      return order;
    }
  }

  /**
   * The command first, then the record: a crash in between routes the order
   * again, and the chain id named after the order makes that second command
   * join the first (CommandRouter drops a repeated chain), never a second fulfilment.
   */
  private async fulfil(order: CanonicalOrder, decision: RoutingDecision): Promise<keyof RoutingStats | null> {
    if (decision.action.type !== 'fulfill') return null;
    let refused: string | undefined;
    try {
      await this.router.route({
        name: 'fulfill',
        orderId: order.id,
        body: fulfilBodyOf(decision.action),
        requestedBy: routingActor(decision.rule),
        chainId: routingChainId(order.id),
        mayExist: true,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (!(error instanceof CommandInProgressError && error.jobId === stepJobId(routingChainId(order.id), 0))) {
        // Busy or held now: not decided, routing tries again when it next meets the order (a sync, a release; RT-2).
        if (error instanceof CommandInProgressError || error.code === 'on_hold') return null;
        // The order's own fact (online_only, Flexport not configured…): recorded, not retried.
        refused = `${error.code}: ${error.message}`;
        this.logger.warn(`routing rule ${decision.rule} could not fulfil ${order.id}: ${refused}`);
      }
      // Else routing's own command is running already (another pass added it): this pass joins it.
    }
    await this.record(order, decision, refused);
    return refused ? 'refused' : 'fulfill';
  }

  /** Saves the decision (with the rule's hold, if it is one) unless another routing pass recorded one meanwhile. */
  private async record(seen: CanonicalOrder, decision: RoutingDecision, refused?: string): Promise<boolean> {
    const now = new Date().toISOString();
    let recorded = false;
    await this.orders.mutate(seen.id, (current) => {
      recorded = false;
      if (!current || current.routing?.at !== seen.routing?.at) return null;
      let order = current;
      const history: Omit<HistoryEntry, 'version'>[] = [];
      if (decision.action.type === 'hold') {
        // Only while the order can still be held: a command that moved it on meanwhile wins.
        if (current.status !== seen.status) return null;
        const placed = placeHold(current, { reason: decision.action.reason as HoldReason, note: `routing rule ${decision.rule}`, source: 'rule' }, routingActor(decision.rule), now);
        if (placed) {
          order = placed.order;
          history.push(...placed.history);
        }
      }
      const change = recordRouting(order, decision, now, refused);
      recorded = true;
      return { order: change.order, history: [...history, ...change.history] };
    });
    return recorded;
  }
}

/** One routing command per order: its chain, so a repeat joins it. */
export function routingChainId(orderId: string): string {
  return `routing.${orderId}`;
}
