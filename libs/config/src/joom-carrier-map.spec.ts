import { ConfigError, loadConfig } from './load-config';
import { parseJoomCarrierMap } from './joom-carrier-map';

describe('JOOM_CARRIER_MAP', () => {
  it('is empty by default (docs/api-decisions.md CA-3)', () => {
    expect(loadConfig({}).joomCarrierMap).toEqual({});
  });

  it("reads FROM=TO pairs, trimmed; the targets are checked against Joom's list by libs/joom", () => {
    expect(loadConfig({ JOOM_CARRIER_MAP: ' UPS=usps , FedEx = DHL,DHL eCommerce=DHL,Flexport Ground=云途物流' }).joomCarrierMap).toEqual({
      UPS: 'usps',
      FedEx: 'DHL',
      'DHL eCommerce': 'DHL',
      'Flexport Ground': '云途物流',
    });
  });

  it.each([
    ['UPS', 'must be FROM=TO'],
    ['=USPS', 'must be FROM=TO'],
    ['UPS=', 'must be FROM=TO'],
    ['UPS=USPS,ups=DHL', 'twice'],
    ['UPS=USPS,  UPS =DHL', 'twice'],
  ])('refuses %j at boot, naming the variable', (value, why) => {
    expect(() => loadConfig({ JOOM_CARRIER_MAP: value })).toThrow(ConfigError);
    expect(() => loadConfig({ JOOM_CARRIER_MAP: value })).toThrow(/JOOM_CARRIER_MAP/);
    expect(parseJoomCarrierMap(value).problems.join('; ')).toContain(why);
  });
});
