import { Cluster } from 'ioredis';
import { loadConfig } from '@app/config';
import { CanonicalOrder } from '@app/orders';
import { buildOrder, DeepPartial } from '@app/orders/testing';
import { createRedisClient, waitUntilReady, NewHistoryEntry, OrderListing, OrderRepository, orderIdFor, RedisClient } from '@app/store';

/** A repository + listing on its own connection to the test Redis. */
export interface StoreFixture {
  redis: RedisClient;
  repository: OrderRepository;
  listing: OrderListing;
  close(): Promise<void>;
}

export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: integration tests run through jest --selectProjects integration');
  return url;
}

/** The BullMQ prefix the gateway uses on this Redis (hash-tagged on a Cluster). */
export function queuePrefix(url = redisUrl()): string {
  return loadConfig({ REDIS_URL: url }).queuePrefix;
}

/** A connected client for one Redis or a Cluster, the way the gateway connects. */
export async function connectRedis(url = redisUrl(), name = 'test-raw'): Promise<RedisClient> {
  const redis = createRedisClient(url, name);
  if (!(await waitUntilReady(redis, 5_000))) throw new Error('cannot connect to the test Redis');
  return redis;
}

export async function openStore(url = redisUrl()): Promise<StoreFixture> {
  const redis = await connectRedis(url, 'test-store');
  return {
    redis,
    repository: new OrderRepository(redis),
    listing: new OrderListing(redis),
    close: async () => redis.disconnect(),
  };
}

/** Empties the test Redis (every master of a Cluster). */
export async function flushRedis(url = redisUrl()): Promise<void> {
  const client = await connectRedis(url, 'test-flush');
  try {
    const nodes = client instanceof Cluster ? client.nodes('master') : [client];
    await Promise.all(nodes.map((node) => node.flushall()));
  } finally {
    client.disconnect();
  }
}

let counter = 0;

/** A valid order with a real gateway id derived from a unique external id. */
export function newOrder(overrides: DeepPartial<CanonicalOrder> = {}): CanonicalOrder {
  const externalId = overrides.externalId ?? `ext-${process.pid}-${Date.now()}-${counter++}`;
  const channel = overrides.channel ?? 'joom';
  const account = overrides.account ?? 'main';
  return buildOrder({ ...overrides, externalId, channel, account, id: orderIdFor(channel, account, externalId) });
}

export function createdEntry(order: CanonicalOrder, at = order.createdAt): NewHistoryEntry {
  return { kind: 'created', at, from: null, to: order.status, cause: 'ingest', actor: 'test', requestId: null };
}

/** Saves a brand-new order (version 1). */
export async function insert(repository: OrderRepository, order: CanonicalOrder): Promise<CanonicalOrder> {
  return repository.save({ order, expectedVersion: 0, previousStatus: null, history: [createdEntry(order)] });
}
