/**
 * Money is kept in integer minor units and rendered as decimal strings, as
 * the marketplaces do, so no generated amount ever carries float noise.
 */
export function formatCents(cents: number): string {
  const whole = Math.round(cents);
  const sign = whole < 0 ? '-' : '';
  const abs = Math.abs(whole);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses "12.50" / "-3" / "0.125"; null for anything that is not a plain decimal. */
export function parseDecimal(text: string): number | null {
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : null;
}
