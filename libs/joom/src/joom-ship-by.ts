/**
 * Joom's fulfilment countdown → a ship-by time (docs/api-decisions.md JO-7).
 * v2 `days_to_fulfill` / `hours_to_fulfill` ("Number of hours left to fulfill
 * this order. Order not fulfilled will be automatically refunded") and v3
 * `daysToFulfill` / `hoursToFulfill` count from the moment Joom answered, so
 * the deadline is the answer's time (its `Date` header) plus the hours left.
 * Counted in whole hours, it would move a little with every read; anchored
 * to the order time and floored to a whole hour after it, the same deadline
 * reads the same on every poll.
 */

const HOUR_MS = 3_600_000;

/** Answer times of raw orders, keyed by the parsed object: set by the clients, read by the mappers. */
const answeredAt = new WeakMap<object, string>();

/** Records when Joom answered with `order` (the response's `Date`); null leaves it unknown. */
export function stampAnswerTime<T extends object>(order: T, time: string | null): T {
  if (time !== null && typeof order === 'object' && order !== null) answeredAt.set(order, time);
  return order;
}

export function answerTimeOf(order: object): string | null {
  return answeredAt.get(order) ?? null;
}

export interface FulfilCountdown {
  hours?: string | number;
  days?: string | number;
}

/**
 * The ship-by time, or null when Joom counts nothing down (the order is no
 * longer awaiting fulfilment), the count is not a whole number, or the
 * answer's time is unknown. Hours win over days (they are the finer count).
 */
export function shipByFrom(countdown: FulfilCountdown, orderTime: string | null, answerTime: string | null): string | null {
  const hours = wholeNumber(countdown.hours) ?? timesOrNull(wholeNumber(countdown.days), 24);
  const answered = answerTime === null ? NaN : Date.parse(answerTime);
  if (hours === null || Number.isNaN(answered)) return null;
  const deadline = answered + hours * HOUR_MS;
  const placed = orderTime === null ? NaN : Date.parse(orderTime);
  const anchor = Number.isNaN(placed) || placed > deadline ? 0 : placed;
  return new Date(anchor + Math.floor((deadline - anchor) / HOUR_MS) * HOUR_MS).toISOString();
}

function wholeNumber(value: string | number | undefined): number | null {
  const text = typeof value === 'number' ? String(value) : value?.trim();
  return text !== undefined && /^\d{1,6}$/.test(text) ? Number(text) : null;
}

function timesOrNull(value: number | null, factor: number): number | null {
  return value === null ? null : value * factor;
}
