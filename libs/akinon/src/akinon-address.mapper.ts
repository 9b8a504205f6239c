import { fingerprintOf, InboundAddressCheck, ShippingAddress } from '@app/orders';
import { AkinonLocationResolver } from './akinon-location.resolver';
import { AkinonAddress } from './akinon.types';

/**
 * Akinon customer address → canonical shipping address, plus what the
 * orders lib needs to flag it (docs/api-decisions.md AK-7, AK-8).
 *
 * `country`, `city`, `township` and `district` are uuids with no endpoint to
 * resolve them: the resolver's table turns them into the country code, the
 * city, and a second address line "<district>, <township>". A reference it
 * cannot resolve leaves its field empty and is reported in `check` — the
 * city is never read from `line`, the country never defaulted.
 *
 * Knowingly dropped: `is_active`, `notes` (courier notes), `company_name`,
 * `tax_office`, `tax_no`, `e_bill_taxpayer`, `identity_number` (national id:
 * billing data we must not spread), `id`.
 */
export function mapAkinonAddress(address: AkinonAddress, resolver: AkinonLocationResolver): { address: ShippingAddress; check: InboundAddressCheck } {
  const location = resolver.resolve(address);
  const area = [location.district, location.township].filter(Boolean).join(', ');
  const line = address.line?.trim();
  return {
    address: {
      name: [address.first_name, address.last_name]
        .map((part) => part?.trim())
        .filter(Boolean)
        .join(' '),
      lines: [line, area].filter((part): part is string => !!part),
      city: location.city,
      region: null,
      postalCode: address.postcode?.trim() || null,
      countryCode: location.countryCode,
      phone: address.phone_number?.trim() || null,
      email: address.email?.trim() || null,
    },
    check: { fingerprint: rawAddressFingerprint(address), missing: location.missing, unresolved: location.unresolved },
  };
}

/**
 * The raw fields the canonical address is made of: equal when the channel
 * still sends the same address, whatever the locations table says today.
 */
function rawAddressFingerprint(address: AkinonAddress): string {
  const { first_name, last_name, line, postcode, phone_number, email, country, city, township, district } = address;
  return fingerprintOf({ first_name, last_name, line, postcode, phone_number, email, country, city, township, district });
}
