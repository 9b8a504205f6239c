import Redis, { Cluster, RedisOptions } from 'ioredis';
import { parseRedisUrl, RedisTarget } from '@app/config';

/** A single Redis or a Redis Cluster: the store uses only commands both offer. */
export type RedisClient = Redis | Cluster;

/** Fail fast instead of queueing: a request must get a 503, not hang, when Redis is gone. */
const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 2_000,
  connectTimeout: 2_000,
  // Keep reconnecting in the background, at most every 2 s.
  retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
};

/**
 * Creates the store's Redis client from `REDIS_URL`: one Redis, or a Redis
 * Cluster for `redis+cluster://host:port,host:port` (see `parseRedisUrl`).
 */
export function createRedisClient(url: string, name: string): RedisClient {
  const target = parseRedisUrl(url);
  const client = target.kind === 'single' ? new Redis(url, { ...FAIL_FAST, connectionName: name }) : createClusterClient(target, { ...FAIL_FAST, connectionName: name }, { enableOfflineQueue: false });
  // Errors surface on commands; without a listener ioredis would print every reconnect attempt.
  client.on('error', () => undefined);
  return client;
}

type ClusterTarget = Extract<RedisTarget, { kind: 'cluster' }>;

/** A Cluster client whose node connections use `redisOptions` (shared by the store and the queues). */
export function createClusterClient(target: ClusterTarget, redisOptions: RedisOptions, clusterOptions: { enableOfflineQueue?: boolean } = {}): Cluster {
  return new Cluster(target.nodes, {
    ...clusterOptions,
    redisOptions: {
      ...redisOptions,
      username: target.username,
      password: target.password,
      tls: target.tls ? {} : undefined,
    },
    clusterRetryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

/** True when the client has a live connection (used by readiness checks). */
export function isConnected(client: RedisClient): boolean {
  return client.status === 'ready';
}

/**
 * Waits until the client is connected, at most `timeoutMs`. Resolves false
 * when Redis is not there yet: processes still boot (readiness says "down"
 * and requests answer 503) and the client keeps reconnecting.
 */
export async function waitUntilReady(client: RedisClient, timeoutMs: number): Promise<boolean> {
  if (isConnected(client)) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(false), timeoutMs);
    const onReady = () => finish(true);
    function finish(ready: boolean) {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    }
    client.on('ready', onReady);
  });
}
