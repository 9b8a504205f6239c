import { flexportCarrierName } from './flexport.carriers';

describe('flexportCarrierName (docs/api-decisions.md CA-3)', () => {
  it.each([
    ['USPS', 'USPS'],
    ['UPS', 'UPS'],
    ['FEDEX', 'FedEx'],
    ['fedex', 'FedEx'],
    ['DHL', 'DHL'],
    ['DHL_ECOMMERCE', 'DHL'],
    // Not in the table: the channel's own lookup decides (ONTRAC has no Joom name, CA-4).
    ['ONTRAC', 'ONTRAC'],
  ])('names %p as %p', (code, name) => {
    expect(flexportCarrierName(code)).toBe(name);
  });
});
