import { CHANNELS, Channel } from '../order-status';
import { ShippingRequirement } from '../order.types';
import { compareDecimals, isDecimalString } from './decimal-compare';
import { FLEXPORT_SHIP_METHODS, FlexportShipMethod, RoutingAction, RoutingMatch, RoutingRule, TotalCondition } from './routing-rule';

const REQUIREMENTS: readonly ShippingRequirement[] = ['online_only', 'offline_only', 'online_or_offline'];
/** Names go into history actors (`routing-rule:<name>`) and metrics labels. */
const RULE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const MAX_RULES = 500;
/** A glob becomes a regular expression: short, with few wildcards, so matching stays linear enough on any SKU. */
const MAX_GLOB_LENGTH = 100;
const MAX_GLOB_STARS = 3;
const ACTIONS = ['fulfill:flexport', 'hold', 'none'] as const;
const MATCH_KEYS = ['channel', 'account', 'country', 'sku', 'requirement', 'total'];

/**
 * Validates a parsed rules file (`ROUTING_RULES_FILE`, JSON or YAML):
 *
 *     { "rules": [ { "name": "joom-to-flexport", "match": { "channel": "joom" },
 *                    "action": "fulfill:flexport", "shipMethod": "standard" },
 *                  { "name": "tr-check", "match": { "channel": "akinon", "country": "TR" },
 *                    "action": "hold", "reason": "address_check" } ] }
 *
 * Every problem names its place (`rules[1].match.country`). `holdReasons`
 * is the list a hold's reason must come from.
 */
export function parseRoutingRules(input: unknown, holdReasons: readonly string[]): { rules: RoutingRule[]; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(input) || !Array.isArray(input.rules)) return { rules: [], problems: ['the file must be an object with a "rules" list'] };
  unknownKeys(input, ['rules'], '', problems);
  if (input.rules.length > MAX_RULES) problems.push(`rules: at most ${MAX_RULES} rules`);
  const names = new Set<string>();
  const rules: RoutingRule[] = [];
  input.rules.forEach((raw, index) => {
    const at = `rules[${index}]`;
    if (!isObject(raw)) return problems.push(`${at}: must be an object`);
    unknownKeys(raw, ['name', 'match', 'action', 'shipMethod', 'reason'], at, problems);
    const name = raw.name;
    if (typeof name !== 'string' || !RULE_NAME.test(name)) problems.push(`${at}.name: 1–64 letters, digits, dots, dashes or underscores`);
    else if (names.has(name)) problems.push(`${at}.name: "${name}" is used by an earlier rule`);
    else names.add(name);
    const match = parseMatch(raw.match, `${at}.match`, problems);
    const action = parseAction(raw, at, holdReasons, problems);
    if (typeof name === 'string' && match && action) rules.push({ name, match, action });
  });
  return problems.length > 0 ? { rules: [], problems } : { rules, problems };
}

function parseMatch(raw: unknown, at: string, problems: string[]): RoutingMatch | null {
  if (raw === undefined) return {};
  if (!isObject(raw)) return (problems.push(`${at}: must be an object`), null);
  unknownKeys(raw, MATCH_KEYS, at, problems);
  const match: RoutingMatch = {};
  const before = problems.length;
  if (raw.channel !== undefined)
    match.channel = oneOrMany(raw.channel, `${at}.channel`, problems, (value) => (CHANNELS as readonly string[]).includes(value), `one of ${CHANNELS.join(', ')}`) as Channel[];
  if (raw.account !== undefined) match.account = oneOrMany(raw.account, `${at}.account`, problems, (value) => value.length > 0 && value.length <= 100, 'a non-empty account id');
  if (raw.country !== undefined) match.country = oneOrMany(raw.country, `${at}.country`, problems, (value) => COUNTRY.test(value), 'an ISO 3166-1 alpha-2 code in upper case, e.g. TR');
  if (raw.requirement !== undefined)
    match.requirement = oneOrMany(raw.requirement, `${at}.requirement`, problems, (value) => (REQUIREMENTS as string[]).includes(value), `one of ${REQUIREMENTS.join(', ')}`) as ShippingRequirement[];
  if (raw.sku !== undefined) {
    const sku = raw.sku;
    if (typeof sku !== 'string' || sku.length === 0 || sku.length > MAX_GLOB_LENGTH) problems.push(`${at}.sku: a glob of 1–${MAX_GLOB_LENGTH} characters`);
    else if (sku.split('*').length - 1 > MAX_GLOB_STARS) problems.push(`${at}.sku: at most ${MAX_GLOB_STARS} "*"`);
    else match.sku = sku;
  }
  if (raw.total !== undefined) match.total = parseTotal(raw.total, `${at}.total`, problems) ?? undefined;
  return problems.length > before ? null : match;
}

function parseTotal(raw: unknown, at: string, problems: string[]): TotalCondition | null {
  if (!isObject(raw)) return (problems.push(`${at}: an object with min, max and/or currency`), null);
  unknownKeys(raw, ['min', 'max', 'currency'], at, problems);
  const bound = (key: 'min' | 'max') => {
    const value = raw[key];
    if (value === undefined) return null;
    // A YAML `50` arrives as a number: accepted when it is a plain decimal, compared as its string.
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (!isDecimalString(text)) return (problems.push(`${at}.${key}: a decimal amount such as "50.00"`), null);
    return text;
  };
  const total: TotalCondition = { min: bound('min'), max: bound('max'), currency: null };
  if (raw.currency !== undefined) {
    if (typeof raw.currency !== 'string' || !CURRENCY.test(raw.currency)) problems.push(`${at}.currency: an ISO 4217 code in upper case, e.g. USD`);
    else total.currency = raw.currency;
  }
  if (total.min === null && total.max === null && raw.min === undefined && raw.max === undefined) problems.push(`${at}: needs min or max`);
  if (total.min !== null && total.max !== null && compareDecimals(total.min, total.max) > 0) problems.push(`${at}: min ${total.min} is above max ${total.max}, so the rule could never match`);
  return total;
}

function parseAction(raw: Record<string, unknown>, at: string, holdReasons: readonly string[], problems: string[]): RoutingAction | null {
  const action = raw.action;
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) return (problems.push(`${at}.action: one of ${ACTIONS.join(', ')}`), null);
  if (action !== 'fulfill:flexport' && raw.shipMethod !== undefined) problems.push(`${at}.shipMethod: only for action fulfill:flexport`);
  if (action !== 'hold' && raw.reason !== undefined) problems.push(`${at}.reason: only for action hold`);
  if (action === 'fulfill:flexport') {
    const shipMethod = raw.shipMethod;
    if (shipMethod !== undefined && !(FLEXPORT_SHIP_METHODS as readonly unknown[]).includes(shipMethod)) return (problems.push(`${at}.shipMethod: one of ${FLEXPORT_SHIP_METHODS.join(', ')}`), null);
    return { type: 'fulfill', via: 'flexport', shipMethod: (shipMethod as FlexportShipMethod | undefined) ?? null };
  }
  if (action === 'hold') {
    if (typeof raw.reason !== 'string' || !holdReasons.includes(raw.reason)) return (problems.push(`${at}.reason: one of ${holdReasons.join(', ')}`), null);
    return { type: 'hold', reason: raw.reason };
  }
  return { type: 'none' };
}

function oneOrMany(raw: unknown, at: string, problems: string[], valid: (value: string) => boolean, expected: string): string[] {
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.length === 0 || values.length > 100) return (problems.push(`${at}: 1–100 values`), []);
  const bad = values.findIndex((value) => typeof value !== 'string' || !valid(value));
  if (bad >= 0) problems.push(`${at}${Array.isArray(raw) ? `[${bad}]` : ''}: ${expected}`);
  return values as string[];
}

function unknownKeys(raw: Record<string, unknown>, known: string[], at: string, problems: string[]): void {
  for (const key of Object.keys(raw)) if (!known.includes(key)) problems.push(`${at ? `${at}.` : ''}${key}: not a known field (expected ${known.join(', ')})`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
