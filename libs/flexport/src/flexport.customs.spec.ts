import { meanUnitPrice, toAmount, unitPriceOf } from './flexport.customs';

describe('customs unit value (docs/api-decisions.md FX-6)', () => {
  it('takes a decimal unit price as it is, and nothing else', () => {
    expect(unitPriceOf({ unitPrice: '12.30' })).toBe('12.30');
    expect(unitPriceOf({ unitPrice: ' 7 ' })).toBe('7');
    for (const unitPrice of [null, undefined, '', 'n/a', '-1.00', '1e3', '12,30']) expect(unitPriceOf({ unitPrice })).toBeNull();
  });

  it('declares merged lines at their quantity-weighted mean, rounded half-up at the finest scale', () => {
    expect(meanUnitPrice([{ price: '10.00', quantity: 3 }])).toBe('10.00');
    expect(
      meanUnitPrice([
        { price: '629.00', quantity: 2 },
        { price: '0.20', quantity: 1 },
      ]),
    ).toBe('419.40');
    expect(
      meanUnitPrice([
        { price: '1.00', quantity: 1 },
        { price: '2.00', quantity: 2 },
      ]),
    ).toBe('1.67');
    expect(meanUnitPrice([{ price: '0.005', quantity: 1 }])).toBe('0.005');
    expect(
      meanUnitPrice([
        { price: '0.01', quantity: 1 },
        { price: '0.00', quantity: 1 },
      ]),
    ).toBe('0.01');
    expect(meanUnitPrice([{ price: '5', quantity: 1 }])).toBe('5.00');
  });

  it('turns the decimal into a JSON number only at the end', () => {
    expect(toAmount('419.40')).toBe(419.4);
    expect(toAmount('0.10')).toBe(0.1);
  });
});
