import {
  CanonicalOrder,
  ChannelProfile,
  decideRoute,
  describeAction,
  DomainError,
  RoutingAction,
  RoutingDecision,
  RoutingFacts,
  routingActor,
  routingFactsOf,
  RoutingRule,
  routingTurn,
  RuleVerdict,
} from '@app/orders';
import { assertCommandApplicable } from '../command-applicability';
import { FulfillBody } from '../command-payloads';
import { planCommand } from '../command-plans';

/** `POST /v1/routing/dry-run`'s answer: what routing would do with an order now, and why. Changes nothing. */
export interface RoutingDryRun {
  orderId: string | null;
  /** Whether routing would act on the order now (a stored order that is ready, unheld and not routed yet). */
  wouldAct: boolean;
  /** Why routing would leave a stored order alone; null when it would act (or for a probe). */
  skipped: string | null;
  rule: string | null;
  action: RoutingAction;
  /** Who the history would name: `routing-rule:<name>`, or `routing` when no rule matched. */
  actor: string;
  /** One line: what would happen. */
  outcome: string;
  verdicts: RuleVerdict[];
  /** A fulfil's external calls, `<system>:<step>`, when the pipeline would take it. */
  plan: string[] | null;
  /** The pipeline's refusal of the rule's fulfil (`online_only`, `illegal_transition`…), read from the order now. */
  refusal: { code: string; message: string } | null;
}

/** A stored order: its routing turn, and for a fulfil what the command pipeline would answer. */
export function dryRunStoredOrder(order: CanonicalOrder, rules: readonly RoutingRule[], profile: ChannelProfile): RoutingDryRun {
  const turn = routingTurn(order, rules);
  // Skipped or not, the rules' verdict is shown: "which rule matched" is the question even for an order routed already.
  const decision = 'decision' in turn ? turn.decision : decideRoute(routingFactsOf(order), rules);
  const answer = explain(order.id, decision, 'skipped' in turn ? turn.skipped : null);
  if (decision.action.type !== 'fulfill') return answer;
  const body = fulfilBodyOf(decision.action);
  try {
    assertCommandApplicable(order, profile, 'fulfill', body);
    answer.plan = planCommand(order, 'fulfill', body).map((step) => `${step.system}:${step.step}`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    answer.refusal = { code: error.code, message: error.message };
    if (answer.wouldAct) answer.outcome = `${answer.outcome} — refused by the pipeline: ${error.code}: ${error.message}`;
  }
  return answer;
}

/** Facts sent whole (an order not stored): the rules' decision only. */
export function dryRunFacts(facts: RoutingFacts, rules: readonly RoutingRule[]): RoutingDryRun {
  return explain(null, decideRoute(facts, rules), null);
}

function explain(orderId: string | null, decision: RoutingDecision, skipped: string | null): RoutingDryRun {
  const what = decision.rule ? `${describeAction(decision.action)} (rule ${decision.rule})` : 'no rule matched: left to callers';
  return {
    orderId,
    wouldAct: orderId !== null && skipped === null,
    skipped,
    rule: decision.rule,
    action: decision.action,
    actor: routingActor(decision.rule),
    outcome: skipped ? `not routed now: ${skipped}; the rules say ${what}` : `would ${what}`,
    verdicts: decision.verdicts,
    plan: null,
    refusal: null,
  };
}

/** The fulfil command a rule's action stands for (the body REST would take). */
export function fulfilBodyOf(action: Extract<RoutingAction, { type: 'fulfill' }>): FulfillBody {
  return Object.assign(new FulfillBody(), { mode: 'flexport', ...(action.shipMethod ? { shipMethod: action.shipMethod } : {}) });
}
