/**
 * Joom sends amounts as decimal strings ("17.6", "8", "2.35"). They stay
 * strings: normalised to at least two decimals and, where an amount is per
 * unit, multiplied by the quantity in integer arithmetic (BigInt on the
 * digits) — never through a JS float. A missing or non-decimal amount is
 * null, never "0.00" or the raw text: the order is then flagged
 * `amount_missing` (docs/api-decisions.md JO-5).
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "17.6" → "17.60", "8" → "8.00", "0.125" → "0.125"; null when absent or not a decimal. */
export function normalizeDecimal(value: unknown): string | null {
  const parsed = parse(value);
  return parsed ? format(parsed.units, parsed.scale) : null;
}

/** `value × times` exactly, e.g. ("2.35", 3) → "7.05"; null when either is unusable. */
export function multiplyDecimal(value: unknown, times: number): string | null {
  const parsed = parse(value);
  if (!parsed || !Number.isInteger(times) || times < 0) return null;
  return format(parsed.units * BigInt(times), parsed.scale);
}

function parse(value: unknown): { units: bigint; scale: number } | null {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') return null;
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const scale = Math.max(2, fraction.length);
  const units = BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
  return { units: sign ? -units : units, scale };
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}
