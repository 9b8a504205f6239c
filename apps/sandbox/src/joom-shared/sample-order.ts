import { deriveSeed, SeededRandom } from '../core/prng';
import { SamplePerson, samplePerson } from '../core/sample-people';

/**
 * One generated purchase, in neither API's shape: the v2 and v3 generators map
 * it to their own wire formats, so both sandboxes draw from the same pool of
 * people, places, products and prices.
 */
export interface SampleOrder {
  buyer: SamplePerson;
  product: SampleProduct;
  color: string | null;
  size: string | null;
  quantity: number;
  unitPriceCents: number;
  shippingCents: number;
  currency: string;
}

export interface SampleProduct {
  id: string;
  variantId: string;
  name: string;
  sku: string;
  imageUrl: string;
  colors: readonly string[];
  sizes: readonly string[];
}

const product = (index: number, name: string, colors: string[], sizes: string[]): SampleProduct => {
  // Ids come from the catalog position, not the seed: the same product keeps its id across seeds.
  const rng = new SeededRandom(deriveSeed(index, 'product'));
  const id = rng.hex(24);
  return { id, variantId: rng.hex(24), name, sku: `SKU-${1000 + index}`, imageUrl: `https://img.joomcdn.net/${id}_original.jpeg`, colors, sizes };
};

export const SAMPLE_PRODUCTS: readonly SampleProduct[] = [
  product(1, 'Dandelion Necklace', ['silver', 'gold'], []),
  product(2, 'Bluetooth-наушники TWS Pro', ['black', 'white'], []),
  product(3, 'Kadın Deri Çanta', ['taba', 'siyah'], []),
  product(4, 'Silk scarf «Étoile»', ['bordeaux', 'crème'], []),
  product(5, '无线蓝牙耳机 Mini', [], []),
  product(6, 'Cotton T-shirt "Basic"', ['navy', 'white', 'olive'], ['XS', 'S', 'M', 'L', 'XL']),
  product(7, 'Running shoes Ärö', ['grey'], ['38', '39', '40', '41', '42', '43', '44']),
  product(8, 'Phone case for iPhone 15 / 15 Pro', ['clear', 'pink'], []),
  product(9, 'Набор кистей для макияжа, 12 шт.', [], []),
  product(10, 'USB-C cable 2 m (braided)', ['black'], []),
  product(11, 'Çelik termos 500 ml', ['mavi', 'yeşil'], []),
  product(12, 'Winter jacket Ødegård', ['black', 'khaki'], ['S', 'M', 'L', 'XL', 'XXL']),
];

const CURRENCIES = [
  ['USD', 5],
  ['EUR', 3],
  ['RUB', 2],
  ['TRY', 1],
  ['GBP', 1],
  ['CNY', 1],
] as const;

export function sampleOrder(rng: SeededRandom): SampleOrder {
  const buyer = samplePerson(rng);
  const item = rng.pick(SAMPLE_PRODUCTS);
  return {
    buyer,
    product: item,
    color: item.colors.length ? rng.pick(item.colors) : null,
    size: item.sizes.length ? rng.pick(item.sizes) : null,
    quantity: rng.weighted([
      [1, 12],
      [2, 4],
      [3, 2],
      [5, 1],
      [12, 0.3],
    ]),
    unitPriceCents: unitPrice(rng),
    shippingCents: rng.chance(0.2) ? 0 : rng.int(49, 1500),
    currency: rng.weighted(CURRENCIES),
  };
}

/** Mostly everyday prices, some round ones, a few cheap and a few expensive outliers. */
function unitPrice(rng: SeededRandom): number {
  return rng.weighted([
    [() => rng.int(150, 4999), 10],
    [() => rng.int(1, 40) * 100, 2],
    [() => rng.int(1, 9) * 10 + 9, 1],
    [() => rng.int(50000, 250000), 1],
  ] as const)();
}

/**
 * The first orders cycle through every state, so even a tiny seed has each
 * one; the rest follow the weights.
 */
export function sampleState<S>(rng: SeededRandom, index: number, states: readonly S[], weights: readonly (readonly [S, number])[]): S {
  return index < states.length ? states[index] : rng.weighted(weights);
}

export interface SampleTimeline {
  orderMs: number;
  updatedMs: number;
}

/**
 * When an order was placed and last changed. Orders awaiting the merchant
 * (`open`) are recent, since Joom refunds or cancels late ones; finished ones
 * span 30 days. An `untouched` order last changed minutes after it was placed.
 * Orders made by the control plane are placed "now" (`placedAtMs`), so an
 * incremental sync sees them.
 */
export function sampleTimeline(rng: SeededRandom, nowMs: number, opts: { open: boolean; untouched: boolean; placedAtMs?: number }): SampleTimeline {
  if (opts.placedAtMs !== undefined) return { orderMs: opts.placedAtMs, updatedMs: opts.placedAtMs };
  const orderMs = nowMs - rng.int(opts.open ? 2 * HOUR_MS : 2 * DAY_MS, opts.open ? 5 * DAY_MS : 30 * DAY_MS);
  const updatedMs = opts.untouched ? orderMs + rng.int(60_000, HOUR_MS) : rng.int(orderMs + HOUR_MS, nowMs - 60_000);
  return { orderMs, updatedMs };
}

/** A unique id: `make` is retried on the (rare) collision with one already issued. */
export function uniqueId(taken: Set<string>, make: () => string): string {
  let id = make();
  while (taken.has(id)) id = make();
  taken.add(id);
  return id;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;
