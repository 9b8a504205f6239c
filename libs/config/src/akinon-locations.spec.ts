import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAkinonLocationsFile } from './akinon-locations';
import { ConfigError, loadConfig } from './load-config';

const COUNTRY = 'b08eb673-dcd4-483c-a8b9-59ed76b64a1b';
const CITY = '2e1adb7c-e1e8-471a-a483-0257d52fb0bc';
const dir = mkdtempSync(join(tmpdir(), 'akinon-locations-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const AKINON = { AKINON_API_TOKEN: 'sandbox-akinon-token', AKINON_BASE_URL: 'http://127.0.0.1:4000' };

describe('AKINON_LOCATIONS_FILE', () => {
  it('reads a JSON table; country codes upper-cased, uuids matched in any case', () => {
    const path = file('ok.json', JSON.stringify({ countries: { [COUNTRY]: 'tr' }, cities: { [CITY.toUpperCase()]: 'İstanbul' } }));
    expect(readAkinonLocationsFile(path)).toEqual({
      locations: { countries: { [COUNTRY]: 'TR' }, cities: { [CITY]: 'İstanbul' }, townships: {}, districts: {} },
      problems: [],
    });
  });

  it('reads the same table from CSV (kind,uuid,name; header optional; the name is the rest of the row)', () => {
    const path = file('ok.csv', `kind,uuid,name\ncountry,${COUNTRY},TR\ncity,${CITY},İstanbul\ndistrict,35feab7e-4832-4d31-8448-2cbcd89092ea,Caferağa, Kadıköy\n`);
    expect(readAkinonLocationsFile(path).locations).toEqual({
      countries: { [COUNTRY]: 'TR' },
      cities: { [CITY]: 'İstanbul' },
      townships: {},
      districts: { '35feab7e-4832-4d31-8448-2cbcd89092ea': 'Caferağa, Kadıköy' },
    });
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.json'), 'AKINON_LOCATIONS_FILE cannot be read (ENOENT)'],
    ['broken JSON', () => file('broken.json', '{"cities": '), 'AKINON_LOCATIONS_FILE is not valid JSON'],
    ['an unknown group', () => file('group.json', '{"provinces": {}}'), 'unknown group(s) provinces'],
    ['a key that is no uuid', () => file('key.json', '{"cities": {"istanbul": "İstanbul"}}'), 'cities.istanbul: "istanbul" is not a uuid'],
    ['an empty name', () => file('name.json', `{"cities": {"${CITY}": " "}}`), `cities.${CITY}: the name of ${CITY} must be a non-empty string`],
    ['a country that is no ISO code', () => file('iso.json', `{"countries": {"${COUNTRY}": "Turkey"}}`), `country ${COUNTRY} must map to an ISO 3166-1 alpha-2 code, not "Turkey"`],
    ['an unknown CSV kind', () => file('kind.csv', `province,${CITY},İstanbul`), 'line 1: kind "province" is not one of country, city, township, district'],
  ])('stops the boot on %s, naming the variable and the entry', (_case, path, message) => {
    expect(() => loadConfig({ ...AKINON, AKINON_LOCATIONS_FILE: path() })).toThrow(ConfigError);
    expect(() => loadConfig({ ...AKINON, AKINON_LOCATIONS_FILE: path() })).toThrow(message);
  });

  it('is handed to the Akinon channel config; unset = no table', () => {
    const path = file('cfg.json', JSON.stringify({ cities: { [CITY]: 'İzmir' } }));
    expect(loadConfig({ ...AKINON, AKINON_LOCATIONS_FILE: path }).channels.akinon?.locations?.cities).toEqual({ [CITY]: 'İzmir' });
    expect(loadConfig(AKINON).channels.akinon?.locations).toBeNull();
  });
});
