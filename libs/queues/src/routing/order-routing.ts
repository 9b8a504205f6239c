import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEFAULT_ROUTING_RETRY_INTERVAL_MS, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { CanonicalOrder, DomainError, HistoryEntry, HoldReason, placeHold, recordRouting, RoutingDecision, routingActor, routingTurn } from '@app/orders';
import { OrderRepository, RoutingBacklog } from '@app/store';
import { CommandInProgressError } from '../command-errors';
import { CommandRouter } from '../command-router';
import { stepJobId } from '../step-jobs';
import { fulfilBodyOf } from './routing-dry-run';

/** What routing did with one order: a decision carried out, nothing to decide, or "not now" (a command in progress). */
type RoutingOutcome = keyof RoutingStats | 'skipped' | 'later';

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
 * decision is recorded on the order so it is taken once. An order it could
 * not decide now, or whose hold is coming off, goes into the routing
 * backlog, which each worker works through every ROUTING_RETRY_INTERVAL_MS
 * (RT-3). Without a rules file nothing here runs.
 */
@Injectable()
export class OrderRouting {
  private readonly logger = new Logger('OrderRouting');

  private readonly retryIntervalMs: number;

  constructor(
    private readonly orders: OrderRepository,
    private readonly router: CommandRouter,
    private readonly backlog: RoutingBacklog,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.retryIntervalMs = config.routingRetryIntervalMs ?? DEFAULT_ROUTING_RETRY_INTERVAL_MS;
  }

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

  /** Routes one order if it is its turn (routingTurn); null when it was not, or not now. */
  async routeOne(order: CanonicalOrder): Promise<keyof RoutingStats | null> {
    const outcome = await this.decide(order);
    return outcome === 'skipped' || outcome === 'later' ? null : outcome;
  }

  /**
   * Before a hold comes off: the order goes into the backlog, due once the
   * release is surely saved or refused, so a process that stops between the
   * release and routing leaves it routed by a worker's next look (RT-3).
   */
  async expectRelease(orderId: string): Promise<void> {
    if (this.config.routing) await this.backlog.add(orderId, Date.now() + this.retryIntervalMs);
  }

  /**
   * Routes the backlog's due orders; answers how many got a decision. One
   * order that fails (a document that no longer parses, a refused command
   * that is not the order's fact) is logged and put back a retry interval
   * later, so it never holds up the entries behind it.
   */
  async routeBacklog(now = Date.now()): Promise<number> {
    if (!this.config.routing) return 0;
    let decided = 0;
    for (const entry of await this.backlog.due(now)) {
      let outcome: RoutingOutcome;
      try {
        const order = await this.orders.get(entry.orderId);
        outcome = order ? await this.decide(order) : 'skipped';
      } catch (error) {
        this.logger.warn(`routing ${entry.orderId} from the backlog failed: ${error instanceof Error ? error.message : String(error)}`);
        await this.backlog.add(entry.orderId, Date.now() + this.retryIntervalMs);
        continue;
      }
      if (outcome === 'later') continue; // decide() put it back, due a retry interval from now
      await this.backlog.removeSeen(entry);
      if (outcome !== 'skipped') decided++;
    }
    return decided;
  }

  private async decide(order: CanonicalOrder): Promise<RoutingOutcome> {
    const rules = this.config.routing?.rules;
    if (!rules) return 'skipped';
    const turn = routingTurn(order, rules);
    if ('skipped' in turn) return 'skipped';
    const { decision } = turn;
    const outcome = await this.carryOut(order, decision);
    // "Not now": the backlog brings the order back, as a sync or a release would (RT-2, RT-3).
    if (outcome === 'later') await this.backlog.add(order.id, Date.now() + this.retryIntervalMs);
    return outcome;
  }

  private async carryOut(order: CanonicalOrder, decision: RoutingDecision): Promise<RoutingOutcome> {
    if (decision.action.type === 'fulfill') return this.fulfil(order, decision);
    if (decision.action.type === 'none') return (await this.record(order, decision)) ? 'none' : 'skipped';
    try {
      // Under the order's command lease, like a person's hold (HO-4): it cannot race a fulfil taken in meanwhile.
      return (await this.router.exclusively(order.id, () => this.record(order, decision))) ? 'hold' : 'skipped';
    } catch (error) {
      // Busy with a command: not decided now (a recorded hold that was never placed would read as released, RT-2).
      if (error instanceof CommandInProgressError) return 'later';
      throw error;
    }
  }

  /**
   * After a hold came off (a release, an address correction): routes the
   * order if that made it its turn, and answers the order as it stands then.
   * The release is saved whatever routing does: a routing failure is logged,
   * and the backlog entry expectRelease() made brings the order back to a
   * worker (RT-3; until then the dry run shows it as routing's to act on).
   */
  async routeReleased(order: CanonicalOrder): Promise<CanonicalOrder> {
    if (!this.config.routing) return order;
    try {
      const outcome = await this.decide(order);
      if (outcome === 'later') return order;
      await this.backlog.remove(order.id);
      return outcome === 'skipped' ? order : ((await this.orders.get(order.id)) ?? order);
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
  private async fulfil(order: CanonicalOrder, decision: RoutingDecision): Promise<RoutingOutcome> {
    if (decision.action.type !== 'fulfill') return 'skipped';
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
        // Busy or held now: not decided; the backlog brings the order back (RT-2, RT-3).
        if (error instanceof CommandInProgressError || error.code === 'on_hold') return 'later';
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
