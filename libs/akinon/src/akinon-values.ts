import { AkinonDecimal } from './akinon.types';

/**
 * Money stays the API's own decimal string ("0.10" stays "0.10"); it is never
 * parsed into a float. A number (a deployment without DRF's
 * COERCE_DECIMAL_TO_STRING) is printed as JSON gave it.
 */
export function decimal(value: AkinonDecimal | null | undefined, fallback = '0.00'): string {
  if (value === null || value === undefined || value === '') return fallback;
  return typeof value === 'number' ? String(value) : value.trim();
}

/** Akinon datetimes ("2019-01-01T00:00:00Z", or with microseconds) as canonical ISO strings; null when absent or unreadable. */
export function isoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Canonical line id of an Akinon order item (house convention `ln_<externalLineId>`). */
export function lineIdOf(itemId: string): string {
  return `ln_${itemId}`;
}
