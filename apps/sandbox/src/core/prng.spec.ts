import { deriveSeed, mulberry32, SeededRandom } from './prng';

describe('prng', () => {
  it('mulberry32 repeats its sequence for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('SeededRandom draws from the mulberry32 stream of its seed', () => {
    const stream = mulberry32(9);
    const rng = new SeededRandom(9);
    expect(Array.from({ length: 5 }, () => rng.float())).toEqual(Array.from({ length: 5 }, stream));
  });

  it('SeededRandom draws v4-shaped uuids and bounded ints', () => {
    const rng = new SeededRandom(7);
    expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (let i = 0; i < 1000; i++) expect(rng.int(3, 5)).toBeGreaterThanOrEqual(3);
    expect(new Set(Array.from({ length: 1000 }, () => rng.int(3, 5)))).toEqual(new Set([3, 4, 5]));
  });

  it('deriveSeed is stable per label and differs between seeds', () => {
    expect(deriveSeed(0, 'order-1')).toBe(deriveSeed(0, 'order-1'));
    expect(deriveSeed(0, 'order-1')).not.toBe(deriveSeed(0, 'order-2'));
    expect(deriveSeed(1, 'order-1')).not.toBe(deriveSeed(0, 'order-1'));
  });
});
