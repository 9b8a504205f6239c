/**
 * Joom sends amounts as decimal strings ("17.6", "8", "2.35"). They stay
 * strings: normalised to at least two decimals and, where an amount is per
 * unit, multiplied by the quantity in integer arithmetic (BigInt on the
 * digits) — never through a JS float.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "17.6" → "17.60", "8" → "8.00", "0.125" → "0.125". A value that is not a decimal is kept as sent. */
export function normalizeDecimal(value: unknown): string {
  const parsed = parse(value);
  if (!parsed) return value === undefined || value === null ? '0.00' : String(value);
  return format(parsed.units, parsed.scale);
}

/** `value × times` exactly, e.g. ("2.35", 3) → "7.05". */
export function multiplyDecimal(value: unknown, times: number): string {
  const parsed = parse(value);
  if (!parsed || !Number.isInteger(times)) return normalizeDecimal(value);
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
