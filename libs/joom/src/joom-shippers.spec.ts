import { RemoteTransientError } from '@app/adapters';
import { JoomCarriers } from './joom-carriers';
import { InvalidCarrierError } from './joom-errors';
import { DEFAULT_SHIPPERS_TTL_MS, JoomShippers, JoomV3Shipper } from './joom-shippers';
import { JoomV3Providers } from './joom-v3-providers';

const UPS: JoomV3Shipper = { id: 'a1', name: 'UPS' };
const USPS: JoomV3Shipper = { id: 'b2', name: 'USPS' };
const CHINA_POST: JoomV3Shipper = { id: 'c3', name: 'China Post' };
const ONLINE_DHL: JoomV3Shipper = { id: 'd4', name: 'DHL', offlineShipping: false };
const DHL: JoomV3Shipper = { id: 'd5', name: 'DHL' };

function cache(lists: JoomV3Shipper[][], ttlMs = DEFAULT_SHIPPERS_TTL_MS) {
  let clock = 1_000_000;
  let loads = 0;
  const load = jest.fn(async (): Promise<JoomV3Shipper[]> => lists[Math.min(loads++, lists.length - 1)]);
  const shippers = new JoomShippers(load, { ttlMs, now: () => clock });
  return { shippers, load, tick: (ms: number) => (clock += ms) };
}

describe('JoomShippers (docs/api-decisions.md CA-2)', () => {
  it('keeps one list for the TTL of an hour, then reads it again', async () => {
    const { shippers, load, tick } = cache([[UPS, USPS]]);
    expect(DEFAULT_SHIPPERS_TTL_MS).toBe(3_600_000);
    expect(await shippers.find('UPS')).toEqual(UPS);
    expect(await shippers.find(' usps ')).toEqual(USPS);
    tick(DEFAULT_SHIPPERS_TTL_MS - 1);
    await shippers.find('UPS');
    expect(load).toHaveBeenCalledTimes(1);
    tick(1);
    await shippers.find('UPS');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('reloads on a miss at most once per TTL, so an unknown carrier is no call storm', async () => {
    const { shippers, load, tick } = cache([[USPS], [USPS, UPS]]);
    await shippers.find('USPS');
    tick(60_000);
    expect(await shippers.find('UPS')).toEqual(UPS); // Joom added UPS since: the miss reloads once
    expect(load).toHaveBeenCalledTimes(2);
    for (let i = 0; i < 5; i++) expect(await shippers.find('OnTrac')).toBeNull();
    expect(load).toHaveBeenCalledTimes(2);
    tick(DEFAULT_SHIPPERS_TTL_MS);
    expect(await shippers.find('OnTrac')).toBeNull(); // stale: one reload, and no second one for the miss
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('shares one load between concurrent lookups, and keeps nothing from a failed one', async () => {
    let fail = true;
    const load = jest.fn(async () => {
      if (fail) throw new RemoteTransientError('joom', 'HTTP 503', 503, null);
      return [UPS];
    });
    const shippers = new JoomShippers(load);
    await expect(shippers.find('UPS')).rejects.toBeInstanceOf(RemoteTransientError);
    fail = false;
    const found = await Promise.all([shippers.find('UPS'), shippers.find('UPS'), shippers.find('ups')]);
    expect(found).toEqual([UPS, UPS, UPS]);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('matches names exactly but for case and spaces, preferring a shipper that ships offline', async () => {
    const { shippers } = cache([[ONLINE_DHL, DHL, UPS]]);
    expect(await shippers.find('dhl')).toEqual(DHL);
    expect(await shippers.find('DHL eCommerce')).toBeNull();
    expect(await shippers.find('UPS Ground')).toBeNull();
  });
});

describe('JoomV3Providers', () => {
  const providers = (map = {}) => new JoomV3Providers(new JoomCarriers(map), cache([[UPS, USPS, CHINA_POST]]).shippers);

  it("answers the shipper id of a carrier, through the document's name forms and the carrier table", async () => {
    expect(await providers().resolve('UPS')).toEqual({ providerId: 'a1', name: 'UPS' });
    expect(await providers().resolve('中国邮政')).toEqual({ providerId: 'c3', name: 'China Post' });
    expect(await providers({ FedEx: 'USPS' }).resolve('FEDEX')).toEqual({ providerId: 'b2', name: 'USPS' });
  });

  it('refuses a carrier Joom has no shipper for, naming it', async () => {
    const error = await providers()
      .resolve('OnTrac')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCarrierError);
    expect(error).toMatchObject({ code: 'invalid_carrier', carrier: 'OnTrac' });
    expect((error as Error).message).toContain('GET /api/v3/shippers');
  });

  it('compares a shipment by provider id when Joom sent one, by name otherwise', () => {
    const p = providers();
    expect(p.same({ providerId: 'a1', provider: 'whatever' }, { providerId: 'a1', name: 'UPS' })).toBe(true);
    expect(p.same({ providerId: 'b2', provider: 'UPS' }, { providerId: 'a1', name: 'UPS' })).toBe(false);
    expect(p.same({ provider: 'ups' }, { providerId: 'a1', name: 'UPS' })).toBe(true);
    expect(p.same(undefined, { providerId: 'a1', name: 'UPS' })).toBe(false);
  });
});
