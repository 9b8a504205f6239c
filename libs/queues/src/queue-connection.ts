import { Cluster, RedisOptions } from 'ioredis';
import { parseRedisUrl } from '@app/config';
import { createClusterClient } from '@app/store';

/** Injection token of the process's queue connection (a test closes it after the app, see `closeQueueConnection`). */
export const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');

export type QueueRole = 'producer' | 'worker';

/** What BullMQ's `connection` option gets: options for one Redis, a client for a Cluster. */
export type QueueConnection = RedisOptions | Cluster;

/**
 * BullMQ connection for `REDIS_URL`. For one Redis these are options (not a
 * shared client, so BullMQ owns and closes its connections). Producers (the
 * api) give up after one reconnection attempt and a 2 s command timeout, so a
 * request answers 503 instead of hanging when Redis is gone (the offline
 * queue stays on: BullMQ needs it to close cleanly while Redis is down).
 * Workers never give up on a command (BullMQ requires
 * `maxRetriesPerRequest: null` for them).
 *
 * BullMQ only builds single-server clients from options, so on a Cluster it
 * gets a `Cluster` client; it shares that one (duplicating it for blocking
 * reads) and never closes it. The api and worker processes exit after
 * draining, which ends it; a process that lives on (a test) closes it with
 * `closeQueueConnection`.
 */
export function queueConnectionOptions(url: string, role: QueueRole): QueueConnection {
  const target = parseRedisUrl(url);
  const name = role === 'producer' ? 'gateway-producer' : 'gateway-worker';
  const roleOptions: RedisOptions =
    role === 'producer' ? { maxRetriesPerRequest: 1, commandTimeout: 2_000, connectTimeout: 2_000, connectionName: name } : { maxRetriesPerRequest: null, connectionName: name };
  if (target.kind === 'cluster') return createClusterClient(target, roleOptions);

  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    ...roleOptions,
  };
}

/** Closes a connection BullMQ shares but does not own (the Cluster client); options need nothing. */
export async function closeQueueConnection(connection: QueueConnection): Promise<void> {
  if (!(connection instanceof Cluster)) return;
  if (connection.status !== 'ready') return connection.disconnect();
  await connection.quit().catch(() => connection.disconnect());
}
