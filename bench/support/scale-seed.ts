import { CanonicalOrder, Channel, OrderStatus } from '@app/orders';
import { buildLine, buildOrder } from '@app/orders/testing';
import { NewHistoryEntry, OrderChange, orderIdFor, OrderRepository } from '@app/store';

/** What the seeded store looks like, for the queries and the report. */
export interface ScaleSeed {
  orders: number;
  /** Orders updated within the last hour before `now` (the `updatedSince=<1 h ago>` matches). */
  recentCutoff: string;
  weekCutoff: string;
  monthCutoff: string;
  now: number;
  /** One seeded order, for the single-order reads. */
  sampleId: string;
}

const DAY = 86_400_000;
/** Orders per saveMany call (split into one script call per shard) and calls in flight: keeps Redis busy without a backlog. */
const BATCH = 1_600;
const IN_FLIGHT = 3;

/** A store's life over a year: most orders delivered, a few in flight, few flagged. */
const STATUS_MIX: [OrderStatus, number][] = [
  ['delivered', 0.6],
  ['shipped', 0.1],
  ['cancelled', 0.1],
  ['ready', 0.1],
  ['fulfilling', 0.05],
  ['pending', 0.02],
  ['on_hold', 0.01],
  ['returned', 0.02],
];
/** The history an order in that status went through (from creation). */
const PATH: Partial<Record<OrderStatus, OrderStatus[]>> = {
  pending: ['pending'],
  on_hold: ['pending', 'on_hold'],
  ready: ['ready'],
  fulfilling: ['ready', 'fulfilling'],
  shipped: ['ready', 'fulfilling', 'shipped'],
  delivered: ['ready', 'fulfilling', 'shipped', 'delivered'],
  cancelled: ['ready', 'cancelled'],
  returned: ['ready', 'fulfilling', 'shipped', 'delivered', 'returning', 'returned'],
};

/**
 * Seeds `count` orders straight into the store through the gateway's own
 * save path (`OrderRepository.saveMany`: the save script, so document,
 * history, events and every index are written exactly as in production),
 * several batches in flight. Orders are created over the past year in
 * creation order; 0.2 % were updated in the last hour, ~2 % in the last week.
 */
export async function seedScale(repository: OrderRepository, count: number, progress: (done: number) => void): Promise<ScaleSeed> {
  const now = Date.now();
  const start = now - 365 * DAY;
  const random = mulberry32(42);
  const pick = (): OrderStatus => {
    let roll = random();
    for (const [status, share] of STATUS_MIX) if ((roll -= share) < 0) return status;
    return 'delivered';
  };
  let next = 0;
  let sampleId = '';
  const lane = async () => {
    while (next < count) {
      const from = next;
      next = Math.min(count, next + BATCH);
      const changes: OrderChange[] = [];
      for (let i = from; i < next; i++) {
        const createdMs = start + Math.floor((i / count) * (365 * DAY - 2 * 3_600_000));
        const roll = random();
        const updatedMs =
          roll < 0.002 ? now - Math.floor(random() * 3_500_000) : roll < 0.02 ? now - Math.floor(random() * 6 * DAY) - 3_600_000 : Math.min(createdMs + Math.floor(random() * 10 * DAY), now - 8 * DAY);
        changes.push(orderChange(i, pick(), random() < 0.3 ? 'akinon' : 'joom', random() < 0.01, new Date(createdMs).toISOString(), new Date(Math.max(updatedMs, createdMs)).toISOString(), random));
      }
      sampleId ||= changes[0].order.id;
      const outcomes = await repository.saveMany(changes);
      const conflict = outcomes.find((outcome) => outcome instanceof Error);
      if (conflict) throw conflict;
      progress(next);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const iso = (ms: number) => new Date(ms).toISOString();
  return { orders: count, recentCutoff: iso(now - 3_600_000), weekCutoff: iso(now - 7 * DAY), monthCutoff: iso(now - 30 * DAY), now, sampleId };
}

function orderChange(i: number, status: OrderStatus, channel: Channel, attention: boolean, createdAt: string, updatedAt: string, random: () => number): OrderChange {
  const externalId = channel === 'joom' ? `bench-${i.toString(16).padStart(8, '0')}` : `${i}-ak`;
  const lineCount = 1 + Math.floor(random() * 3);
  const order: CanonicalOrder = buildOrder({
    id: orderIdFor(channel, 'main', externalId),
    channel,
    externalId,
    externalNumber: channel === 'akinon' ? String(40_000_000 + i) : null,
    status,
    channelStatus: status.toUpperCase(),
    attention: attention ? { code: 'unmapped_status', message: 'channel status not in the mapping table', since: updatedAt } : null,
    placedAt: createdAt,
    createdAt,
    updatedAt,
    channelUpdatedAt: updatedAt,
    version: 0,
  });
  order.lines = Array.from({ length: lineCount }, (_, n) =>
    buildLine({ id: `${order.id}-l${n}`, externalLineId: `${externalId}-${n}`, sku: `SKU-${(i * 7 + n) % 5000}`, name: `Product ${(i * 7 + n) % 5000}`, status }),
  );
  const path = PATH[status] ?? [status];
  const history: NewHistoryEntry[] = path.map((to, n) => ({
    kind: n === 0 ? 'created' : 'transition',
    at: n === 0 ? createdAt : updatedAt,
    from: n === 0 ? null : path[n - 1],
    to,
    cause: n === 0 ? 'ingest' : 'sync',
    actor: `sync:${channel}`,
    requestId: null,
  }));
  return { order, expectedVersion: 0, previousStatus: null, history };
}

/** A small deterministic PRNG: the same store every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 13)) >>> 0) / 4_294_967_296;
  };
}
