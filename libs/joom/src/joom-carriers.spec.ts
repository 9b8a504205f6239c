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
  ])('resolves %p → %p (the table first, then the document\'s list)', (input, name) => {
    expect(carriers.resolve(input)).toBe(name);
  });

  it('sends nothing for a carrier neither the table nor the list names (default: no table)', () => {
    expect(() => new JoomCarriers().resolve('UPS')).toThrow(InvalidCarrierError);
    expect(() => new JoomCarriers().resolve('FedEx')).toThrow(expect.objectContaining({ code: 'invalid_carrier', carrier: 'FedEx' }));
    expect(() => carriers.resolve('USPSSSSSSSSSSSSSSSSSSSSSSSSS')).toThrow(/"USPSSSSSSSSSSSSSSSSSSSSSSSSS" cannot be sent to Joom: .*JOOM_CARRIER_MAP does not map it/);
    expect(new JoomCarriers().joomName('Russian Post')).toBeNull();
  });

  it('refuses a table whose target is off the list (libs/config checks it at boot)', () => {
    expect(() => new JoomCarriers({ UPS: 'UPS' })).toThrow(/not on Joom's accepted list/);
  });

  it('compares carriers by what they resolve to', () => {
    expect(carriers.same('SFExpress', '顺丰物流')).toBe(true);
    expect(carriers.same('UPS', 'usps')).toBe(true);
    expect(carriers.same('DHL', 'EMS')).toBe(false);
    expect(carriers.same(undefined, 'DHL')).toBe(false);
  });
});
