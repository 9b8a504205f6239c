import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SeededRandom } from '../core/prng';
import { generateAkinonData, makeAddress } from './akinon.generator';
import { locationsFile } from './akinon.locations';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Akinon addresses the document’s way, and the table that resolves them (docs/api-decisions.md AK-6)', () => {
  const data = generateAkinonData(200, 7);
  const table = locationsFile();

  it('writes a free line with no postcode or city at its end, and uuids for country, city, township, district', () => {
    for (const address of data.addresses) {
      expect(address.line.endsWith(address.postcode)).toBe(false);
      expect(address.line).not.toContain(`${address.postcode} `);
      expect(address.country).toMatch(UUID);
      expect(address.city).toMatch(UUID);
      if (address.township !== null) expect(address.township).toMatch(UUID);
    }
    const turkish = data.addresses.filter((address) => table.countries[address.country] === 'TR');
    expect(turkish.length).toBeGreaterThan(0);
    expect(turkish.every((address) => address.township !== null && address.district !== null)).toBe(true);
  });

  it('resolves every uuid any generated address uses, with ISO country codes', () => {
    for (const address of data.addresses) {
      expect(table.countries[address.country]).toMatch(/^[A-Z]{2}$/);
      expect(table.cities[address.city]).toBeTruthy();
      if (address.township) expect(table.townships[address.township]).toBeTruthy();
      if (address.district) expect(table.districts[address.district]).toBeTruthy();
    }
  });

  it('derives the uuids from names alone, so every process and seed agrees', () => {
    expect(locationsFile()).toEqual(table);
    const a = makeAddress(new SeededRandom(1));
    const b = makeAddress(new SeededRandom(1));
    expect([a.country, a.city]).toEqual([b.country, b.city]);
    expect(makeAddress(new SeededRandom(1), { city: 'not-a-known-uuid' }).city).toBe('not-a-known-uuid');
  });
});

describe('apps/sandbox/akinon-locations.json (the table the compose stack hands the gateway)', () => {
  it('is the sandbox’s own table, so the image never drifts from the data it serves', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '../../akinon-locations.json'), 'utf8'));
    expect(committed).toEqual(locationsFile());
  });
});
