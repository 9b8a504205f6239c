import type { AkinonLocations } from '@app/config';

/** The four location references of an Akinon customer address, by their field names. */
export const AKINON_LOCATION_FIELDS = ['country', 'city', 'township', 'district'] as const;
export type AkinonLocationField = (typeof AKINON_LOCATION_FIELDS)[number];

export interface ResolvedAkinonLocation {
  /** ISO 3166-1 alpha-2, or '' when the country is absent or unknown. */
  countryCode: string;
  /** '' when the city is absent or unknown. */
  city: string;
  township: string | null;
  district: string | null;
  /** Canonical fields left empty or parts left out: `countryCode`, `city`, `township`, `district`. */
  missing: string[];
  /** The raw reference of every part that did not resolve (null when the address has none). */
  unresolved: Partial<Record<AkinonLocationField, string | null>>;
}

const NO_LOCATIONS: AkinonLocations = { countries: {}, cities: {}, townships: {}, districts: {} };
const TABLE: Record<AkinonLocationField, keyof AkinonLocations> = { country: 'countries', city: 'cities', township: 'townships', district: 'districts' };
/** What each unresolved reference leaves missing in the canonical address. */
const CANONICAL: Record<AkinonLocationField, string> = { country: 'countryCode', city: 'city', township: 'township', district: 'district' };

/**
 * Akinon location uuid → name (city, township, district) or ISO code
 * (country), from the table the deployment configures (`AKINON_LOCATIONS_FILE`,
 * read once at boot; docs/api-decisions.md AK-6). Nothing is guessed
 * (AK-7): a country or city that is absent or unknown, and a township or
 * district whose uuid is unknown, are reported with their raw values; an
 * absent township or district is simply not part of the address.
 */
export class AkinonLocationResolver {
  constructor(private readonly locations: AkinonLocations = NO_LOCATIONS) {}

  resolve(refs: Readonly<Record<AkinonLocationField, string | null>>): ResolvedAkinonLocation {
    const names: Partial<Record<AkinonLocationField, string>> = {};
    const missing: string[] = [];
    const unresolved: ResolvedAkinonLocation['unresolved'] = {};
    for (const field of AKINON_LOCATION_FIELDS) {
      const ref = refs[field]?.trim() || null;
      const name = ref ? this.locations[TABLE[field]][ref.toLowerCase()] : undefined;
      if (name !== undefined) names[field] = name;
      else if (ref !== null || field === 'country' || field === 'city') {
        missing.push(CANONICAL[field]);
        unresolved[field] = ref;
      }
    }
    return {
      countryCode: names.country ?? '',
      city: names.city ?? '',
      township: names.township ?? null,
      district: names.district ?? null,
      missing,
      unresolved,
    };
  }
}
