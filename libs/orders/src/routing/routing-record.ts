import { annotation } from '../history-annotation';
import { lineProgress } from '../line-progress';
import { isHeld } from '../order-holds';
import { CanonicalOrder, HistoryEntry } from '../order.types';
import { decideRoute, RoutingDecision, routingFactsOf } from './decide-route';
import { ROUTABLE_STATUS, RoutingAction, RoutingRule } from './routing-rule';

/**
 * What routing did with an order, kept on it (docs/api-decisions.md RT-2):
 * routing decides once per order, so a sync that brings the order again, or
 * a rules file changed later, never routes it twice.
 */
export interface RoutingRecord {
  /** The rule that matched; null when none did. */
  rule: string | null;
  action: RoutingAction['type'];
  at: string;
  /** Set when the pipeline refused the rule's command: `<code>: <message>`. */
  refused?: string;
}

/** Routing's turn for an order: skipped (and why), or the rules' decision to carry out. */
export type RoutingTurn = { skipped: string } | { decision: RoutingDecision };

/**
 * Whether routing acts on the order now, and how (RT-2): only a `ready`
 * order without holds that routing has not decided yet — or one whose rule
 * hold a person has released since: then the rules are read again without
 * their holds, the release being the person's word that the order may go.
 */
export function routingTurn(order: CanonicalOrder, rules: readonly RoutingRule[]): RoutingTurn {
  if (order.status !== ROUTABLE_STATUS) return { skipped: `status is ${order.status}; only ${ROUTABLE_STATUS} orders are routed` };
  const taken = takenInPart(order);
  if (taken) return { skipped: taken };
  if (isHeld(order)) return { skipped: `on hold (${(order.holds ?? []).map((hold) => hold.reason).join(', ')}); routed once every hold is released` };
  const record = order.routing;
  if (!record) return { decision: decideRoute(routingFactsOf(order), rules) };
  // Only a hold that was placed (never a refused one) and is gone now was released by a person.
  if (record.action !== 'hold' || record.refused) return { skipped: `routed already${record.rule ? ` by rule ${record.rule}` : ''} (${record.action}) at ${record.at}` };
  return {
    decision: decideRoute(
      routingFactsOf(order),
      rules.filter((rule) => rule.action.type !== 'hold'),
    ),
  };
}

/**
 * An order a fulfil has already taken some lines of (a line sent to Flexport
 * or shipped, or a Flexport part recorded, FX-9) was fulfilled in part by a
 * person: routing neither sends the rest nor holds it (docs/api-decisions.md
 * LP-3). Null when no line was taken.
 */
function takenInPart(order: CanonicalOrder): string | null {
  const progress = lineProgress(order);
  const parts = order.fulfillment?.parts?.length ?? 0;
  if (progress.fulfilment === 'unfulfilled' && parts === 0) return null;
  const taken = order.lines.filter((line) => !progress.unfulfilledLineIds.includes(line.id) && line.status !== 'cancelled' && line.status !== 'rejected').map((line) => line.id);
  return `fulfilled in part already (${taken.length > 0 ? `lines ${taken.join(', ')} taken` : `${parts} Flexport part(s) recorded`}); the rest is left to a person`;
}

/** Who acts for a routing decision: the rule, in history and in the command's `requestedBy`. */
export function routingActor(rule: string | null): string {
  return rule === null ? 'routing' : `routing-rule:${rule}`;
}

/** The record of a decision carried out, and its history entry. */
export function recordRouting(order: CanonicalOrder, decision: RoutingDecision, now: string, refused?: string): { order: CanonicalOrder; history: Omit<HistoryEntry, 'version'>[] } {
  const record: RoutingRecord = { rule: decision.rule, action: decision.action.type, at: now, ...(refused ? { refused } : {}) };
  const note = refused
    ? `routing: ${describeAction(decision.action)} refused — ${refused}`
    : `routing: ${describeAction(decision.action)}${decision.rule ? ` (rule ${decision.rule})` : ' (no rule matched)'}`;
  return {
    order: { ...order, routing: record, updatedAt: now },
    history: [annotation(order, { at: now, cause: 'system', actor: routingActor(decision.rule), note, details: { routing: record } })],
  };
}

export function describeAction(action: RoutingAction): string {
  if (action.type === 'fulfill') return `fulfil via Flexport${action.shipMethod ? ` (${action.shipMethod})` : ''}`;
  if (action.type === 'hold') return `hold ${action.reason}`;
  return 'left to callers';
}
