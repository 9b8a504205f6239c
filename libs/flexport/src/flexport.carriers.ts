/**
 * Flexport's carrier codes (a label's `carrier`) → the carrier's common name,
 * which is what sales channels are given. Which name a channel then sends is
 * the channel adapter's business: Joom v3 looks it up in its shippers list,
 * Joom v2 in `JOOM_CARRIER_MAP` and the document's list (docs/api-decisions.md CA-2, CA-3).
 */
export const FLEXPORT_CARRIER_NAMES: Readonly<Record<string, string>> = {
  USPS: 'USPS',
  UPS: 'UPS',
  FEDEX: 'FedEx',
  DHL: 'DHL',
  DHL_ECOMMERCE: 'DHL',
};

/** The common name for a Flexport carrier code (any case); a code not in the table goes on unchanged. */
export function flexportCarrierName(code: string): string {
  return FLEXPORT_CARRIER_NAMES[code.toUpperCase()] ?? code;
}
