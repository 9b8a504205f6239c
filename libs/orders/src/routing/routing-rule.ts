import { Channel, OrderStatus } from '../order-status';
import { ShippingRequirement } from '../order.types';

/** Flexport's ship methods (Flexport 2024-04 `POST /orders` `shipMethod`); the one list the fulfil body and routing rules accept. */
export const FLEXPORT_SHIP_METHODS = ['standard', 'expedited', 'priority'] as const;
export type FlexportShipMethod = (typeof FLEXPORT_SHIP_METHODS)[number];

/** What a matching rule does with a new ready order. docs/api-decisions.md GW-9. */
export type RoutingAction = { type: 'fulfill'; via: 'flexport'; shipMethod: FlexportShipMethod | null } | { type: 'hold'; reason: string } | { type: 'none' };

/** An amount range on the order total, in one currency (totals in different currencies are never compared). */
export interface TotalCondition {
  currency: string | null;
  /** Inclusive bounds, decimal strings like the order's own money. */
  min: string | null;
  max: string | null;
}

/**
 * Every condition is optional; a rule matches an order when all the
 * conditions it has hold. Lists match any of their values.
 */
export interface RoutingMatch {
  channel?: Channel[];
  account?: string[];
  /** ISO 3166-1 alpha-2, upper case: the shipping address's country. */
  country?: string[];
  /** A glob (`*` any run of characters, `?` one) every line's SKU must match. */
  sku?: string;
  requirement?: ShippingRequirement[];
  total?: TotalCondition;
}

export interface RoutingRule {
  name: string;
  match: RoutingMatch;
  action: RoutingAction;
}

/** The rules, first match wins; `source` is where they were read from, for the rules view. */
export interface RoutingRules {
  source: string;
  rules: RoutingRule[];
}

/** The status an order must have to be routed: routing starts work, it never redoes or undoes it. */
export const ROUTABLE_STATUS: OrderStatus = 'ready';
