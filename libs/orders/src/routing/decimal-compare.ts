/** Decimal strings as the order's money carries them: "12.30", "-1", "0.5". */
const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL.test(value);
}

/** Compares two decimal strings exactly (no float rounding): negative, zero or positive. */
export function compareDecimals(a: string, b: string): number {
  const [x, y] = [scaled(a), scaled(b)];
  return x === y ? 0 : x < y ? -1 : 1;
}

function scaled(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const units = BigInt(whole + fraction.padEnd(6, '0'));
  return negative ? -units : units;
}
