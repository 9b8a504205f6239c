import { ConfigError } from '@app/config';
import { JoomCarriers } from './joom-carriers';
import { InvalidCarrierError } from './joom-errors';

describe('JoomCarriers', () => {
  const carriers = new JoomCarriers({ UPS: 'USPS', 'DHL eCommerce': 'dhl' });

  it.each([
    ['China Post', 'China Post'],
    ['china post', 'China Post'],
    ['中国邮政', 'China Post'],
    ['China Post (中国邮政)', 'China Post'],
    ['  DHL ', 'DHL'],
    ['USPS', 'USPS'],
    ['Yun Express', 'Yun Express'],
    ['ups', 'USPS'],
    ['DHL  ECOMMERCE', 'DHL'],
  ])("resolves %p → %p (the table first, then the document's list)", (input, name) => {
    expect(carriers.resolve(input)).toBe(name);
  });

  it('sends nothing for a carrier neither the table nor the list names (default: no table)', () => {
    expect(() => new JoomCarriers().resolve('UPS')).toThrow(InvalidCarrierError);
    expect(() => new JoomCarriers().resolve('FedEx')).toThrow(expect.objectContaining({ code: 'invalid_carrier', carrier: 'FedEx' }));
    expect(() => carriers.resolve('USPSSSSSSSSSSSSSSSSSSSSSSSSS')).toThrow(/"USPSSSSSSSSSSSSSSSSSSSSSSSSS" cannot be sent to Joom: .*JOOM_CARRIER_MAP does not map it/);
    expect(new JoomCarriers().joomName('Russian Post')).toBeNull();
  });

  it("spells each target as Joom's list does, in any of the list's forms", () => {
    const table = new JoomCarriers({ UPS: 'usps', FedEx: ' DHL ', 'Flexport Ground': '云途物流', Other: 'China Post (中国邮政)' });
    expect(['UPS', 'FedEx', 'flexport ground', 'Other'].map((name) => table.resolve(name))).toEqual(['USPS', 'DHL', 'Yun Express', 'China Post']);
  });

  it('refuses a table whose targets are off the list with a ConfigError naming the variable and every such entry', () => {
    const error = (() => {
      try {
        return new JoomCarriers({ UPS: 'UPS', FedEx: 'FedEx Ground', 'DHL eCommerce': 'DHL' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'JOOM_CARRIER_MAP maps "UPS" to "UPS", which is not on Joom\'s accepted shipping providers list',
      'JOOM_CARRIER_MAP maps "FedEx" to "FedEx Ground", which is not on Joom\'s accepted shipping providers list',
    ]);
  });

  it('compares carriers by what they resolve to', () => {
    expect(carriers.same('SFExpress', '顺丰物流')).toBe(true);
    expect(carriers.same('UPS', 'usps')).toBe(true);
    expect(carriers.same('DHL', 'EMS')).toBe(false);
    expect(carriers.same(undefined, 'DHL')).toBe(false);
  });
});
