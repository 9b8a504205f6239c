/**
 * Money is kept in integer minor units and rendered as decimal strings
 * ("12.30"), as the marketplaces send amounts, so no generated amount ever
 * carries float noise (0.30000000000000004).
 */
export function formatCents(cents: number): string {
  const whole = Math.round(cents);
  const sign = whole < 0 ? '-' : '';
  const abs = Math.abs(whole);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "12.34" → 1234: the inverse of formatCents for amounts the sandbox wrote itself. */
export function toCents(amount: string): number {
  return Math.round(Number(amount) * 100);
}

/** A percentage of an amount, rounded down to whole cents (what the merchant is paid). */
export function percentOf(cents: number, percent: number): number {
  return Math.floor((cents * percent) / 100);
}

/** Parses "12.50" / "-3" / "0.125"; null for anything that is not a plain decimal. */
export function parseDecimal(text: string): number | null {
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : null;
}
