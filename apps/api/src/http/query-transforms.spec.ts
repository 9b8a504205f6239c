import { toBoolean, toStrictInteger } from './query-transforms';

describe('toStrictInteger', () => {
  it.each([
    ['50', 50],
    ['0', 0],
    ['-1', -1],
    ['500', 500],
  ])('reads %p as %p', (value, expected) => {
    expect(toStrictInteger({ value })).toBe(expected);
  });

  it.each(['0x10', '1e2', ' 10', '10 ', '', '1.5', '+5', '99999999999999999999999', 'ten'])('leaves %p for the validators to refuse', (value) => {
    expect(toStrictInteger({ value })).toBe(value);
  });

  it('leaves a repeated parameter (an array) alone', () => {
    expect(toStrictInteger({ value: ['1', '2'] })).toEqual(['1', '2']);
  });
});

describe('toBoolean', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['TRUE', 'TRUE'],
    ['1', '1'],
    ['', ''],
  ])('reads %p as %p', (value, expected) => {
    expect(toBoolean({ value })).toBe(expected);
  });
});
