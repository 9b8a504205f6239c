import { Inject, Injectable, Optional } from '@nestjs/common';
import { DEFAULT_HISTORY_MAX_ENTRIES_PER_ORDER, DEFAULT_ORDER_EVENTS_MAX_LENGTH, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { ActionFacts, actionFactsOf, CanonicalOrder, Channel, HistoryEntry, OrderEvent, OrderStatus, shipByDeadlineMs } from '@app/orders';
import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor';
import { HISTORY_PAGE_LUA } from './history-page.script';
import { luaScript, runLuaScript } from './lua-script';
import { isOrderId, shardOf } from './order-identity';
import { RedisClient } from './redis-client.factory';
import { redisCall } from './redis-call';
import { REDIS_CLIENT } from './redis.tokens';
import { SAVE_ORDERS_LUA } from './save-order.script';
import { indexedAccountOf, listingKey, storeKeys } from './store-keys';
import { OrderNotFoundError, VersionConflictError } from './store-errors';

export type NewHistoryEntry = Omit<HistoryEntry, 'version'>;

/** One atomic save: the order as it should be now, plus what happened to it. */
export interface OrderChange {
  order: CanonicalOrder;
  /** The version the change was computed from; 0 creates the order. */
  expectedVersion: number;
  /** The status the order had at `expectedVersion` (null on creation), to move its index entry. */
  previousStatus: OrderStatus | null;
  history: NewHistoryEntry[];
  /**
   * The command lease holder (`<queue>/<job id>`) whose lease this save ends,
   * in the same script call — only while the lease still names it, as
   * CommandLeases.release does.
   */
  releaseLease?: string;
}

/** What a mutation wants saved; null means "nothing to change". */
export type MutationDecision = Pick<OrderChange, 'order' | 'history'> | null;

const MUTATION_ATTEMPTS = 8;

const EVENT_TYPE: Record<HistoryEntry['kind'], OrderEvent['type']> = {
  created: 'order.created',
  transition: 'order.transitioned',
  annotation: 'order.updated',
};

/** An order as stored: its document's JSON (UTF-8 bytes, untouched), and what presenting it needs without parsing it. */
export interface StoredOrderJson {
  json: Buffer;
  channel: Channel;
  facts: ActionFacts;
}

/** A page of an order's history, oldest first, and how many of its oldest entries are no longer kept. */
export interface HistoryPage {
  items: HistoryEntry[];
  /** The cursor of the next page; null when the page ends with the newest entry. */
  nextCursor: string | null;
  /** Entries trimmed from the start of this order's history (HISTORY_MAX_ENTRIES_PER_ORDER); the event stream has them. */
  trimmed: number;
}

const SAVE_ORDERS = luaScript(SAVE_ORDERS_LUA);
const HISTORY_PAGE = luaScript(HISTORY_PAGE_LUA);

/** Reads and writes canonical orders; every write is version-checked and atomic. */
@Injectable()
export class OrderRepository {
  private readonly historyMax: number;
  /** Outbound events kept per shard stream (approximate trim). */
  private readonly eventsMax: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Optional() @Inject(GATEWAY_CONFIG) config?: Pick<GatewayConfig, 'historyMaxEntriesPerOrder' | 'orderEventsMaxLength'>,
  ) {
    this.historyMax = config?.historyMaxEntriesPerOrder ?? DEFAULT_HISTORY_MAX_ENTRIES_PER_ORDER;
    this.eventsMax = config?.orderEventsMaxLength ?? DEFAULT_ORDER_EVENTS_MAX_LENGTH;
  }

  async get(id: string): Promise<CanonicalOrder | null> {
    if (!isOrderId(id)) return null;
    const doc = await redisCall(() => this.redis.hget(storeKeys.order(id), 'doc'));
    return doc ? (JSON.parse(doc) as CanonicalOrder) : null;
  }

  /**
   * The stored JSON of an order, as bytes, for a reader that passes it on
   * as it is (the REST read path): parsing a document of a few kB and
   * serialising it again cost more than the rest of the read, and so did
   * decoding it to a string only to encode it again for the socket.
   */
  async getJson(id: string): Promise<StoredOrderJson | null> {
    if (!isOrderId(id)) return null;
    const [json, channel, facts] = await redisCall(() => this.redis.hmgetBuffer(storeKeys.order(id), 'doc', 'ch', 'af'));
    if (json === null) return null;
    // Orders saved before `af` was kept: derive it from the document.
    const actionFacts = facts ? (JSON.parse(facts.toString()) as ActionFacts) : actionFactsOf(JSON.parse(json.toString()) as CanonicalOrder);
    return { json, channel: String(channel) as Channel, facts: actionFacts };
  }

  async getOrThrow(id: string): Promise<CanonicalOrder> {
    const order = await this.get(id);
    if (!order) throw new OrderNotFoundError(id);
    return order;
  }

  /** Reads many orders, one pipeline per shard (a cluster pipeline must stay within one slot). */
  async getMany(ids: readonly string[]): Promise<CanonicalOrder[]> {
    const perShard = await Promise.all(
      [...groupByShard(ids.filter(isOrderId), (id) => id).values()].map(async (shardIds) => {
        const pipeline = this.redis.pipeline();
        for (const id of shardIds) pipeline.hget(storeKeys.order(id), 'doc');
        return (await redisCall(() => pipeline.exec())) ?? [];
      }),
    );
    return perShard.flat().flatMap(([error, doc]) => (!error && typeof doc === 'string' ? [JSON.parse(doc) as CanonicalOrder] : []));
  }

  async history(id: string): Promise<HistoryEntry[]> {
    if (!isOrderId(id)) throw new OrderNotFoundError(id);
    const [entries, exists] = await redisCall(() => Promise.all([this.redis.lrange(storeKeys.history(id), 0, -1), this.redis.exists(storeKeys.order(id))]));
    if (!exists) throw new OrderNotFoundError(id);
    return entries.map((entry) => JSON.parse(entry) as HistoryEntry);
  }

  /**
   * One page of an order's history, oldest first: `limit` entries (all kept
   * ones when absent) from `cursor` (the oldest kept one when absent). A
   * cursor whose entries were trimmed since resumes at the oldest kept one.
   */
  async historyPage(id: string, page: { limit?: number; cursor?: string } = {}): Promise<HistoryPage> {
    if (!isOrderId(id)) throw new OrderNotFoundError(id);
    const from = page.cursor === undefined ? 0 : decodeHistoryCursor(page.cursor);
    const keys = [storeKeys.order(id), storeKeys.history(id)];
    const [exists, trimmed, kept, ...entries] = await redisCall(() => runLuaScript<[number, number, number, ...string[]]>(this.redis, HISTORY_PAGE, keys, [from, page.limit ?? 0]));
    if (!exists) throw new OrderNotFoundError(id);
    const next = Math.max(from, trimmed) + entries.length;
    return {
      items: entries.map((entry) => JSON.parse(entry) as HistoryEntry),
      nextCursor: next < trimmed + kept ? encodeHistoryCursor(next) : null,
      trimmed,
    };
  }

  /**
   * Saves one change atomically (document, indexes, history, events) if the
   * order is still at `expectedVersion`; otherwise throws VersionConflictError.
   */
  async save(change: OrderChange): Promise<CanonicalOrder> {
    const [outcome] = await this.saveMany([change]);
    if (outcome instanceof VersionConflictError) throw outcome;
    return outcome;
  }

  /**
   * Saves many changes, each atomically and version-checked on its own as
   * `save` does, in one script call per shard (an ingested page costs a
   * handful of calls, not one per order). Each change gets its saved order
   * or its VersionConflictError, in the order given; a conflict leaves the
   * others saved.
   */
  async saveMany(changes: readonly OrderChange[]): Promise<(CanonicalOrder | VersionConflictError)[]> {
    const prepared = changes.map(prepareSave);
    const outcomes: (CanonicalOrder | VersionConflictError)[] = new Array(changes.length);
    await Promise.all(
      [...groupByShard(prepared.keys(), (index) => prepared[index].order.id).values()].map(async (indexes) => {
        const keys = indexes.flatMap((index) => prepared[index].keys);
        const args = indexes.flatMap((index) => prepared[index].args);
        const replies = await redisCall(() => runLuaScript<(number | string)[]>(this.redis, SAVE_ORDERS, keys, [String(this.eventsMax), String(this.historyMax), ...args]));
        indexes.forEach((index, n) => {
          const { order } = prepared[index];
          const [saved, version] = [replies[2 * n], replies[2 * n + 1]];
          outcomes[index] = saved === 1 ? order : new VersionConflictError(order.id, changes[index].expectedVersion, Number(version));
        });
      }),
    );
    return outcomes;
  }

  /**
   * Read-decide-save with optimistic concurrency: `decide` sees the current
   * order (null if it does not exist yet) and says what to save; on a version
   * conflict the order is read again and `decide` runs again. Two writers
   * racing on the same order therefore never lose an update, and two racing
   * creators end with one order (the loser re-decides against the winner's).
   * `releaseLease`: the save that wins also ends that holder's command lease
   * (OrderChange.releaseLease); a decision of nothing to save leaves it.
   */
  async mutate(id: string, decide: (current: CanonicalOrder | null) => MutationDecision, options: { known?: CanonicalOrder | null; releaseLease?: string } = {}): Promise<CanonicalOrder | null> {
    for (let attempt = 1; ; attempt++) {
      // `known`: the caller read the order already (a batch read); a stale copy only costs a conflict and a re-read.
      const current = attempt === 1 && options.known !== undefined ? options.known : await this.get(id);
      const decision = decide(current);
      if (!decision) return current;
      try {
        return await this.save({
          order: decision.order,
          history: decision.history,
          expectedVersion: current?.version ?? 0,
          previousStatus: current?.status ?? null,
          releaseLease: options.releaseLease,
        });
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= MUTATION_ATTEMPTS) throw error;
      }
    }
  }
}

/** One change as the save script takes it: the saved order, its 12 keys and its arguments (see save-order.script.ts). */
function prepareSave(change: OrderChange): { order: CanonicalOrder; keys: string[]; args: string[] } {
  const { order: draft, expectedVersion, previousStatus } = change;
  const version = expectedVersion + 1;
  const order: CanonicalOrder = { ...draft, version };
  const shard = shardOf(order.id);
  // Object.assign, not `{ ...entry, version }`: V8 (node 20) takes a slow path for a property added after a spread.
  const history: HistoryEntry[] = change.history.map((entry) => Object.assign({}, entry, { version }));
  const events = history.flatMap((entry, index) => {
    const event: OrderEvent = {
      eventId: `${order.id}:${version}:${index}`,
      type: EVENT_TYPE[entry.kind],
      orderId: order.id,
      channel: order.channel,
      externalId: order.externalId,
      from: entry.from,
      to: entry.to,
      version,
      cause: entry.cause,
      at: entry.at,
    };
    return [event.type, order.id, JSON.stringify(event)];
  });
  const keys = [
    storeKeys.order(order.id),
    storeKeys.history(order.id),
    storeKeys.events(shard),
    storeKeys.indexAll(shard),
    storeKeys.indexChannel(shard, order.channel),
    storeKeys.indexStatus(shard, order.status),
    storeKeys.indexStatus(shard, previousStatus ?? order.status),
    storeKeys.indexAttention(shard),
    storeKeys.indexUpdated(shard),
    storeKeys.indexShipBy(shard),
    storeKeys.indexAccount(shard, indexedAccountOf(order)),
    storeKeys.commandLease(order.id),
  ];
  const args = [
    String(expectedVersion),
    String(version),
    JSON.stringify(order),
    order.channel,
    order.status,
    order.attention ? '1' : '0',
    String(Date.parse(order.updatedAt)),
    listingKey(order.createdAt, order.id),
    JSON.stringify(actionFactsOf(order)),
    String(shipByDeadlineMs(order) ?? ''),
    change.releaseLease ?? '',
    String(history.length),
    String(events.length / 3),
    ...history.map((entry) => JSON.stringify(entry)),
    ...events,
  ];
  return { order, keys, args };
}

/** Items grouped by the shard of their order id: a Cluster pipeline or script call must stay within one slot. */
function groupByShard<T>(items: Iterable<T>, orderIdOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const shard = shardOf(orderIdOf(item));
    const group = groups.get(shard);
    if (group) group.push(item);
    else groups.set(shard, [item]);
  }
  return groups;
}
