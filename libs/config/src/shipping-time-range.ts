/**
 * Joom v2 `order/fulfill-one` `shipping_time`: "Required … Provide a time
 * range in number of days. Lower bound cannot be less than 2 days"
 * (docs/vendor/joom-merchant-api-v2.txt). The default and the format are
 * docs/api-decisions.md JO-1. Used by the environment check and by the Joom
 * adapter, so both refuse the same values.
 */
export const DEFAULT_JOOM_V2_SHIPPING_TIME = '5-15';

const RANGE = /^(\d{1,3})-(\d{1,3})$/;

/** Why `value` is not a shipping time Joom accepts, or null when it is ("5-15", "2-2"). */
export function shippingTimeProblem(value: string): string | null {
  const match = RANGE.exec(value);
  if (!match) return 'must be a range of days "a-b", e.g. "5-15"';
  const [low, high] = [Number(match[1]), Number(match[2])];
  if (low < 2) return 'must have a lower bound of at least 2 days';
  if (high < low) return 'must have a lower bound no greater than its upper bound';
  return null;
}
