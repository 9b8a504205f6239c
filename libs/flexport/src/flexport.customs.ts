/**
 * `lineItems[].customsUnitValue` (docs/api-decisions.md FX-6): the canonical
 * line's unit price in the order's currency. Money stays a decimal string
 * until the HTTP body is built; the JSON number is made here, once. Lines
 * merged into one logisticsSku declare their quantity-weighted mean, so the
 * declared total equals the lines' total on the channel's money basis (for
 * Joom v2 that is the merchant's payout, docs/api-decisions.md JO-3).
 */
const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

/** A line's unit price as a decimal string, or null when it is missing or not an amount (never invented). */
export function unitPriceOf(line: { unitPrice?: string | null }): string | null {
  const price = typeof line.unitPrice === 'string' ? line.unitPrice.trim() : '';
  return DECIMAL.test(price) ? price : null;
}

/** Quantity-weighted mean of decimal unit prices, rounded half-up to the finest scale among them (at least 2). */
export function meanUnitPrice(parts: readonly { price: string; quantity: number }[]): string {
  const scale = Math.max(2, ...parts.map(({ price }) => price.split('.')[1]?.length ?? 0));
  const units = (price: string): bigint => {
    const [whole, fraction = ''] = price.split('.');
    return BigInt(whole + fraction.padEnd(scale, '0'));
  };
  const quantity = BigInt(parts.reduce((sum, part) => sum + part.quantity, 0));
  const total = parts.reduce((sum, part) => sum + units(part.price) * BigInt(part.quantity), 0n);
  const mean = (total * 2n + quantity) / (quantity * 2n);
  const digits = mean.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** The JSON number Flexport's schema asks for; the decimal string is exact up to 15 significant digits. */
export function toAmount(decimal: string): number {
  return Number(decimal);
}
