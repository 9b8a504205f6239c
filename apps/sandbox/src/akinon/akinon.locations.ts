import { deriveSeed, SeededRandom } from '../core/prng';
import { SAMPLE_PLACES } from '../core/sample-people';

/**
 * The sandbox's Akinon locations: every place a generated buyer lives in, as
 * the uuids its customer addresses reference (country, city, township,
 * district — the document gives uuids only and no endpoint to resolve them).
 * The uuids derive from the names alone, so they are the same in every
 * sandbox process and for every seed; `locationsFile()` is the table the
 * gateway reads from `AKINON_LOCATIONS_FILE` (docs/api-decisions.md AK-6).
 */
export interface AkinonPlaceRefs {
  country: string;
  city: string;
  township: string | null;
  district: string | null;
}

/** Turkish cities get a real township (ilçe) and district (mahalle); elsewhere the township is the region and there is no district. */
const TR_AREAS: Readonly<Record<string, [township: string, district: string]>> = {
  İstanbul: ['Kadıköy', 'Caferağa'],
  İzmir: ['Karşıyaka', 'Bostanlı'],
  Ankara: ['Çankaya', 'Kızılay'],
  Muğla: ['Bodrum', 'Gümbet'],
};

interface Place {
  refs: AkinonPlaceRefs;
  countryCode: string;
  city: string;
  township: string | null;
  district: string | null;
}

const refIds = new Map<string, string>();
function refId(key: string): string {
  let id = refIds.get(key);
  if (!id) refIds.set(key, (id = new SeededRandom(deriveSeed(0, key)).uuid()));
  return id;
}

const PLACES: readonly Place[] = SAMPLE_PLACES.map(({ countryCode, city, region }) => {
  const [township, district] = countryCode === 'TR' ? (TR_AREAS[city] ?? [null, null]) : [region !== city ? region : null, null];
  const base = `${countryCode}/${city}`;
  return {
    countryCode,
    city,
    township,
    district,
    refs: {
      country: refId(`country:${countryCode}`),
      city: refId(`city:${base}`),
      township: township ? refId(`township:${base}/${township}`) : null,
      district: district ? refId(`district:${base}/${district}`) : null,
    },
  };
});

/** The uuids of a generated buyer's place. */
export function placeRefs(countryCode: string, city: string): AkinonPlaceRefs {
  const place = PLACES.find((candidate) => candidate.countryCode === countryCode && candidate.city === city);
  if (!place) throw new Error(`no sandbox place ${countryCode}/${city}`);
  return place.refs;
}

/** The whole table in the `AKINON_LOCATIONS_FILE` JSON shape. */
export function locationsFile(): Record<'countries' | 'cities' | 'townships' | 'districts', Record<string, string>> {
  const file = { countries: {} as Record<string, string>, cities: {} as Record<string, string>, townships: {} as Record<string, string>, districts: {} as Record<string, string> };
  for (const place of PLACES) {
    file.countries[place.refs.country] = place.countryCode;
    file.cities[place.refs.city] = place.city;
    if (place.refs.township && place.township) file.townships[place.refs.township] = place.township;
    if (place.refs.district && place.district) file.districts[place.refs.district] = place.district;
  }
  return file;
}
