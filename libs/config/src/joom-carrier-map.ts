// Data only (no imports): the list Joom accepts, which every target of the table must name.
import { acceptedProviderName, carrierKey } from '@app/joom/joom-accepted-providers';

/**
 * `JOOM_CARRIER_MAP`: `FROM=TO` pairs separated by commas, e.g.
 * `UPS=USPS,DHL eCommerce=DHL`. FROM is a carrier name the gateway meets
 * (Flexport's UPS, FedEx…; any case); TO must be on Joom's accepted list
 * (docs/vendor/joom-merchant-api-v2.txt "Accepted Shipping Providers", plus
 * USPS), and is stored as the list spells it. Unset = no table: carriers
 * already on the list go as they are, others are not sent
 * (docs/api-decisions.md CA-3). Problems name the variable and the entry (no secret here).
 */
export function parseJoomCarrierMap(raw: string | undefined): { map: Record<string, string>; problems: string[] } {
  const map: Record<string, string> = {};
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of (raw ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const at = entry.indexOf('=');
    const from = at > 0 ? entry.slice(0, at).trim() : '';
    const to = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!from || !to) {
      problems.push(`JOOM_CARRIER_MAP entry "${entry}" must be FROM=TO`);
      continue;
    }
    const target = acceptedProviderName(to);
    if (!target) {
      problems.push(`JOOM_CARRIER_MAP maps "${from}" to "${to}", which is not on Joom's accepted shipping providers list`);
      continue;
    }
    if (seen.has(carrierKey(from))) {
      problems.push(`JOOM_CARRIER_MAP maps "${from}" twice`);
      continue;
    }
    seen.add(carrierKey(from));
    map[from] = target;
  }
  return { map, problems };
}
