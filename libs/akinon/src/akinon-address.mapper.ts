import { ShippingAddress } from '@app/orders';
import { AkinonAddress } from './akinon.types';

/** How to turn Akinon's country references (uuids with no endpoint to resolve them) into ISO codes. */
export interface AkinonCountryOptions {
  /** Akinon country uuid → ISO 3166-1 alpha-2 code, for sellers that ship abroad. */
  countryCodes?: Readonly<Record<string, string>>;
  /** Used when the uuid is not in `countryCodes`; Akinon sellers are mostly domestic (TR). Null leaves it empty. */
  defaultCountryCode?: string | null;
}

export const DEFAULT_AKINON_COUNTRY_CODE = 'TR';

/**
 * Akinon customer address → canonical shipping address.
 *
 * Knowingly dropped: `is_active`, `notes` (courier notes), `company_name`,
 * `tax_office`, `tax_no`, `e_bill_taxpayer`, `identity_number` (national id:
 * billing data we must not spread), `township` and `district` (uuids), `id`.
 * `city` is a uuid too: the city name is read from the end of `line`
 * ("…, 34710 İstanbul") when that part starts with the postcode, else ''.
 */
export function mapAkinonAddress(address: AkinonAddress, options: AkinonCountryOptions = {}): ShippingAddress {
  const postcode = address.postcode?.trim() || null;
  return {
    name: [address.first_name, address.last_name].map((part) => part?.trim()).filter(Boolean).join(' '),
    lines: address.line?.trim() ? [address.line.trim()] : [],
    city: cityFromLine(address.line, postcode),
    region: null,
    postalCode: postcode,
    countryCode: countryCodeOf(address.country, options),
    phone: address.phone_number?.trim() || null,
    email: address.email?.trim() || null,
  };
}

function cityFromLine(line: string | null, postcode: string | null): string {
  if (!line || !postcode) return '';
  const last = line.split(',').pop()?.trim() ?? '';
  return last.startsWith(postcode) ? last.slice(postcode.length).trim() : '';
}

function countryCodeOf(countryId: string | null, options: AkinonCountryOptions): string {
  const mapped = countryId ? options.countryCodes?.[countryId] : undefined;
  const code = mapped ?? (options.defaultCountryCode === undefined ? DEFAULT_AKINON_COUNTRY_CODE : options.defaultCountryCode);
  return code ? code.toUpperCase() : '';
}
