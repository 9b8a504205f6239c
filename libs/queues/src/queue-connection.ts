import { RedisOptions } from 'ioredis';

/**
 * BullMQ connection options (not a shared client, so BullMQ owns and closes
 * its connections). Producers (the api) give up after one reconnection
 * attempt and a 2 s command timeout, so a request answers 503 instead of
 * hanging when Redis is gone (the offline queue stays on: BullMQ needs it to
 * close cleanly while Redis is down). Workers never give up on a command
 * (BullMQ requires `maxRetriesPerRequest: null` for them).
 */
export function queueConnectionOptions(url: string, role: 'producer' | 'worker'): RedisOptions {
  const parsed = new URL(url);
  const base: RedisOptions = {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
  return role === 'producer'
    ? { ...base, maxRetriesPerRequest: 1, commandTimeout: 2_000, connectTimeout: 2_000, connectionName: 'gateway-producer' }
    : { ...base, maxRetriesPerRequest: null, connectionName: 'gateway-worker' };
}
