/**
 * Money is kept in integer cents and printed as a 2-decimal string ("12.30"),
 * the way both Joom APIs send amounts: floats would print 0.30000000000000004.
 */
export function formatCents(cents: number): string {
  const whole = Math.floor(cents / 100);
  const fraction = String(cents % 100).padStart(2, '0');
  return `${whole}.${fraction}`;
}

/** A percentage of an amount, rounded down to whole cents (what the merchant is paid). */
export function percentOf(cents: number, percent: number): number {
  return Math.floor((cents * percent) / 100);
}
