/**
 * mulberry32: a tiny, fast 32-bit PRNG. Every "random" choice in the sandbox
 * (generated data, fault dice) comes from one of these so that a run can be
 * repeated exactly from its seed, and tests and bug reports can name an order
 * that will exist again; `Math.random` cannot give that. Not for anything
 * security-related.
 */
export function mulberry32(seed: number): () => number {
  const next = uint32Stream(seed);
  return () => next() / 4294967296;
}

function uint32Stream(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * FNV-1a of `label`, mixed with `seed`: gives independent streams per purpose
 * (`deriveSeed(seed, 'joom-v2')` vs `'joom-v2-runtime'`) and stable ones per
 * entity (`deriveSeed(0, order.id)`), so derived data does not shift when
 * something else draws more or fewer numbers.
 */
export function deriveSeed(seed: number, label: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Convenience helpers over one mulberry32 stream. */
export class SeededRandom {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = uint32Stream(seed);
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    return this.next();
  }

  /** [0, 1) */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  /** Picks by relative weight: `[['a', 3], ['b', 1]]` yields 'a' three times as often. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.float() * total;
    for (const [value, weight] of table) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return table[table.length - 1][0];
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.float() * alphabet.length)];
    return out;
  }

  digits(length: number): string {
    return this.chars('0123456789', length);
  }

  /** Eight hex digits per draw: ids are the bulk of seeding time otherwise. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.uint32().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  /** A version-4-shaped UUID drawn from this stream (repeatable, unlike crypto.randomUUID). */
  uuid(): string {
    const [a, b, c, d] = [this.hex(8), this.hex(8), this.hex(8), this.hex(8)];
    const variant = ((parseInt(c[0], 16) & 3) | 8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}
