import { payloadShapeProblems } from './payload-shape';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('payloadShapeProblems', () => {
  it.each([
    ['a flat command body', { reason: 'other', note: 'n' }],
    ['an array of strings', { reason: 'other', lineIds: ['a', 'b'] }],
    ['a scalar', 'text'],
    ['null', null],
    ['keys that merely contain reserved words', { protoType: 1, my__proto__: 2, constructorName: 3 }],
  ])('finds nothing wrong with %s', (_case, value) => {
    expect(payloadShapeProblems(value)).toEqual([]);
  });

  it.each([
    ['__proto__ at the top', '{"reason":"other","__proto__":{"polluted":true}}', '__proto__'],
    ['constructor at the top', '{"constructor":{"prototype":{"polluted":true}}}', 'constructor'],
    ['prototype inside an array item', '{"lineIds":[{"prototype":1}]}', 'lineIds.0.prototype'],
  ])('names %s (as JSON.parse leaves it: an own property)', (_case, json, field) => {
    expect(payloadShapeProblems(JSON.parse(json))).toEqual([{ field, problems: [`property ${field} should not exist`] }]);
  });

  it('refuses nesting past the limit, naming the top-level field once', () => {
    expect(payloadShapeProblems({ note: nested(3) }, 3)).toEqual([{ field: 'note', problems: ['note nests deeper than 3 levels'] }]);
    expect(payloadShapeProblems({ note: [nested(3), nested(4)] }, 3)).toEqual([{ field: 'note', problems: ['note nests deeper than 3 levels'] }]);
    expect(payloadShapeProblems(nested(4), 3)).toEqual([{ field: '0', problems: ['0 nests deeper than 3 levels'] }]);
    expect(payloadShapeProblems({ note: nested(2) }, 3)).toEqual([]);
  });

  it('walks hostile depth without overflowing the stack', () => {
    const deep = JSON.parse(`{"note":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(payloadShapeProblems(deep)).toEqual([expect.objectContaining({ problems: [expect.stringContaining('nests deeper than 8 levels')] })]);
    expect(() => payloadShapeProblems(deep, Infinity)).not.toThrow();
  });
});
