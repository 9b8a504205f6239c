import { Channel } from '../order-status';
import { CanonicalOrder, ShippingRequirement } from '../order.types';
import { compareDecimals } from './decimal-compare';
import { RoutingAction, RoutingMatch, RoutingRule } from './routing-rule';

/** What rules look at: taken from a stored order, or sent whole to the dry run. */
export interface RoutingFacts {
  channel: Channel;
  account: string;
  country: string | null;
  skus: string[];
  requirement: ShippingRequirement | null;
  total: string | null;
  currency: string | null;
}

export interface RuleVerdict {
  rule: string;
  matched: boolean;
  /** The first condition that did not hold, in words; absent when the rule matched. */
  failed?: string;
}

export interface RoutingDecision {
  /** The rule that matched; null when none did (the action is then `none`). */
  rule: string | null;
  action: RoutingAction;
  /** Each rule tried, in order, up to the one that matched. */
  verdicts: RuleVerdict[];
}

export function routingFactsOf(order: Pick<CanonicalOrder, 'channel' | 'account' | 'lines' | 'shippingAddress' | 'shippingConstraints' | 'money'>): RoutingFacts {
  return {
    channel: order.channel,
    account: order.account,
    country: order.shippingAddress?.countryCode ?? null,
    skus: order.lines.map((line) => line.sku),
    requirement: order.shippingConstraints.requirement,
    total: order.money.total,
    currency: order.money.currency,
  };
}

/** Ordered rules, first match wins; no match is the action `none` (left to callers). */
export function decideRoute(facts: RoutingFacts, rules: readonly RoutingRule[]): RoutingDecision {
  const verdicts: RuleVerdict[] = [];
  for (const rule of rules) {
    const failed = firstFailedCondition(facts, rule.match);
    if (failed === null) {
      verdicts.push({ rule: rule.name, matched: true });
      return { rule: rule.name, action: rule.action, verdicts };
    }
    verdicts.push({ rule: rule.name, matched: false, failed });
  }
  return { rule: null, action: { type: 'none' }, verdicts };
}

function firstFailedCondition(facts: RoutingFacts, match: RoutingMatch): string | null {
  if (match.channel && !match.channel.includes(facts.channel)) return `channel is ${facts.channel}, not ${match.channel.join(' or ')}`;
  if (match.account && !match.account.includes(facts.account)) return `account is ${facts.account}, not ${match.account.join(' or ')}`;
  if (match.country) {
    if (facts.country === null) return 'the order has no shipping country';
    if (!match.country.includes(facts.country)) return `country is ${facts.country}, not ${match.country.join(' or ')}`;
  }
  if (match.sku !== undefined) {
    const pattern = globPattern(match.sku);
    if (facts.skus.length === 0) return 'the order has no lines';
    const other = facts.skus.find((sku) => !pattern.test(sku));
    if (other !== undefined) return `SKU ${other} does not match ${match.sku}`;
  }
  if (match.requirement) {
    const requirement = facts.requirement ?? 'none';
    if (!(match.requirement as string[]).includes(requirement)) return `shipping requirement is ${requirement}, not ${match.requirement.join(' or ')}`;
  }
  if (match.total) return totalFailure(facts, match.total);
  return null;
}

function totalFailure(facts: RoutingFacts, total: NonNullable<RoutingMatch['total']>): string | null {
  // A missing amount is flagged `amount_missing` on the order; a rule never guesses it.
  if (facts.total === null) return 'the order total is missing';
  if (total.currency !== null && facts.currency !== total.currency) return `currency is ${facts.currency ?? 'missing'}, not ${total.currency}`;
  if (total.min !== null && compareDecimals(facts.total, total.min) < 0) return `total ${facts.total} is below ${total.min}`;
  if (total.max !== null && compareDecimals(facts.total, total.max) > 0) return `total ${facts.total} is above ${total.max}`;
  return null;
}

const globCache = new Map<string, RegExp>();

/** `*` any run of characters, `?` one character, everything else literal; the whole SKU must match. */
export function globPattern(glob: string): RegExp {
  let pattern = globCache.get(glob);
  if (!pattern) {
    const body = [...glob].map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
    pattern = new RegExp(`^${body}$`, 's');
    globCache.set(glob, pattern);
  }
  return pattern;
}
