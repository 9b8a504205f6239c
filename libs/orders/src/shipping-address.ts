import { createHash } from 'node:crypto';
import { OrderStatus } from './order-status';
import { ShippingAddress } from './order.types';

/** Canonical address fields a provider cannot ship without (Flexport refuses an address lacking any of them). */
export const REQUIRED_ADDRESS_FIELDS = ['name', 'lines', 'city', 'countryCode'] as const;

/**
 * What a channel adapter knows about the address it mapped, beyond the
 * canonical fields: which fields it could not fill (an Akinon city uuid the
 * locations table does not know), the raw values behind the gaps, and a
 * fingerprint of the channel's raw address, so a later sync can tell "the
 * channel changed the address" from "the same address an operator corrected"
 * (docs/api-decisions.md AK-8).
 */
export interface InboundAddressCheck {
  /** Stable digest of the channel's raw address; equal raw addresses give equal fingerprints. */
  fingerprint: string;
  /** Canonical field names the adapter could not fill, e.g. `['city', 'countryCode']`. */
  missing: string[];
  /** The raw values behind the gaps (Akinon location uuids), kept in the attention details. */
  unresolved?: Record<string, string | null>;
}

/** An operator's correction of the shipping address (`PUT /v1/orders/{id}/shipping-address`). */
export interface AddressCorrection {
  by: string;
  at: string;
  /** The channel's raw-address fingerprint the correction replaced; a sync with another one takes the channel's again. */
  channelFingerprint: string | null;
}

/** Statuses in which the order still has to be shipped, so a gap in its address matters (AK-8). */
export const ADDRESS_NEEDED_IN: readonly OrderStatus[] = ['pending', 'on_hold', 'ready'];

/** The required fields an address lacks (`['shippingAddress']` when there is none); empty = shippable. */
export function shippingAddressGaps(address: Pick<ShippingAddress, 'name' | 'lines' | 'city' | 'countryCode'> | null | undefined): string[] {
  if (!address) return ['shippingAddress'];
  return REQUIRED_ADDRESS_FIELDS.filter((field) => (field === 'lines' ? !address.lines?.some((line) => line.trim() !== '') : !address[field]?.trim()));
}

/** A short, stable digest of any JSON value (object keys sorted), for address fingerprints. */
export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex').slice(0, 32);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${stableJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
