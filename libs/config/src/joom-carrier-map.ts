/**
 * `JOOM_CARRIER_MAP`: `FROM=TO` pairs separated by commas, e.g.
 * `UPS=USPS,DHL eCommerce=DHL`. FROM is a carrier name the gateway meets
 * (Flexport's UPS, FedEx…; any case); TO must be on Joom's accepted list
 * (docs/vendor/joom-merchant-api-v2.txt "Accepted Shipping Providers", plus
 * USPS). Unset = no table: carriers already on the list go as they are,
 * others are not sent (docs/api-decisions.md CA-3).
 *
 * Only the form is checked here. Whether each TO is on Joom's list is Joom's
 * knowledge, so libs/joom checks it when it builds its adapter (`JoomCarriers`),
 * which stops the process at boot just the same. Problems name the variable and
 * the entry (no secret here).
 */
export function parseJoomCarrierMap(raw: string | undefined): { map: Record<string, string>; problems: string[] } {
  const map: Record<string, string> = {};
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of (raw ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const at = entry.indexOf('=');
    const from = at > 0 ? entry.slice(0, at).trim() : '';
    const to = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!from || !to) {
      problems.push(`JOOM_CARRIER_MAP entry "${entry}" must be FROM=TO`);
      continue;
    }
    if (seen.has(nameKey(from))) {
      problems.push(`JOOM_CARRIER_MAP maps "${from}" twice`);
      continue;
    }
    seen.add(nameKey(from));
    map[from] = to;
  }
  return { map, problems };
}

/** Carrier names compare in any case, runs of spaces as one (as libs/joom compares them). */
function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
