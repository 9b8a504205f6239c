import { deepEqual } from './deep-equal';

describe('deepEqual', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['same primitives', 'a', 'a', true],
    ['different primitives', 1, 2, false],
    ['key order ignored', { a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }, true],
    ['nested difference', { a: { b: 1 } }, { a: { b: 2 } }, false],
    ['array order matters', [1, 2], [2, 1], false],
    ['array vs object', [], {}, false],
    ['null vs object', null, {}, false],
    ['undefined member = absent', { a: 1, b: undefined }, { a: 1 }, true],
    ['extra key', { a: 1 }, { a: 1, b: 2 }, false],
  ])('%s', (_name, a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
    expect(deepEqual(b, a)).toBe(expected);
  });
});
