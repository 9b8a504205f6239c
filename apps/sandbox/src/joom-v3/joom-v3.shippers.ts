import { deriveSeed, SeededRandom } from '../core/prng';
import { SAMPLE_COUNTRIES } from '../core/sample-people';
import { JOOM_ACCEPTED_PROVIDERS } from '../joom-shared/carriers';

/** One entry of `GET shippers`. */
export interface JoomV3Shipper {
  id: string;
  name: string;
  trusted: boolean;
  destinationCountries: string[];
  /** Usable with `orders/fulfill` / `orders/modifyTracking` (merchant ships, sends tracking). */
  offlineShipping: boolean;
  /** Usable with `orders/fulfillOnline` (label from Joom, shipper collects). */
  onlineShipping: { available: boolean; pickupAvailable: boolean; firstMileShipperName?: string };
}

const ALL_COUNTRIES = [...SAMPLE_COUNTRIES];
const TRUSTED = new Set(['4PX', 'China Post', 'DHL', 'EMS', 'SFExpress', 'Yanwen Express', 'USPS']);
/** Carriers that only deliver to a few countries, so a destination refusal can be exercised. */
const REGIONAL: Readonly<Record<string, string[]>> = { SPSR: ['RU'], Ruston: ['RU'], 'Hongkong DGM': ['CN', 'JP', 'KR'] };

const offline = (name: string): Omit<JoomV3Shipper, 'id'> => ({
  name,
  trusted: TRUSTED.has(name),
  destinationCountries: REGIONAL[name] ?? ALL_COUNTRIES,
  offlineShipping: true,
  onlineShipping: { available: false, pickupAvailable: false },
});

const DEFINITIONS: Omit<JoomV3Shipper, 'id'>[] = [
  {
    name: 'Joom Logistics',
    trusted: true,
    destinationCountries: ALL_COUNTRIES,
    offlineShipping: false,
    onlineShipping: { available: true, pickupAvailable: true, firstMileShipperName: 'YunExpress' },
  },
  {
    name: 'Cainiao',
    trusted: true,
    destinationCountries: ['RU', 'TR', 'DE', 'FR', 'ES', 'PL', 'US'],
    offlineShipping: true,
    onlineShipping: { available: true, pickupAvailable: false, firstMileShipperName: 'Cainiao Network' },
  },
  ...JOOM_ACCEPTED_PROVIDERS.map(([name]) => offline(name)),
  offline('Russian Post'),
  offline('PTT Kargo'),
  // v3 accepts whatever GET /shippers lists; these two make Flexport's UPS and FedEx shipments
  // nameable in v3 while v2 refuses them (docs/api-decisions.md CA-4).
  offline('UPS'),
  offline('FedEx'),
];

/** Ids are fixed per name (hex like every Joom id), the same on every run. */
export const JOOM_V3_SHIPPERS: readonly JoomV3Shipper[] = DEFINITIONS.map((definition) => ({
  id: new SeededRandom(deriveSeed(0, `shipper:${definition.name}`)).hex(24),
  ...definition,
}));

export function shipperByName(name: string): JoomV3Shipper | undefined {
  const key = name.trim().toLowerCase();
  return JOOM_V3_SHIPPERS.find((shipper) => shipper.name.toLowerCase() === key);
}

export function shipperById(id: string): JoomV3Shipper | undefined {
  return JOOM_V3_SHIPPERS.find((shipper) => shipper.id === id);
}
