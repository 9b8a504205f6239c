import { Cluster } from 'ioredis';
import { closeQueueConnection, queueConnectionOptions } from './queue-connection';

describe('queueConnectionOptions', () => {
  it('reads host, port, credentials and db from REDIS_URL', () => {
    expect(queueConnectionOptions('redis://user:p%40ss@cache.internal:6390/2', 'worker')).toEqual(
      expect.objectContaining({ host: 'cache.internal', port: 6390, username: 'user', password: 'p@ss', db: 2, maxRetriesPerRequest: null }),
    );
  });

  it('fails fast for producers and uses TLS for rediss://', () => {
    expect(queueConnectionOptions('rediss://127.0.0.1', 'producer')).toEqual(expect.objectContaining({ port: 6379, db: 0, tls: {}, maxRetriesPerRequest: 1, commandTimeout: 2_000 }));
  });
});

describe('queueConnectionOptions on a Redis Cluster', () => {
  it('gives BullMQ a Cluster client whose node connections fit the role', async () => {
    const connection = queueConnectionOptions('redis+cluster://127.0.0.1:1,127.0.0.1:2', 'worker');
    expect(connection).toBeInstanceOf(Cluster);
    const cluster = connection as Cluster;
    expect(cluster.options.redisOptions).toEqual(expect.objectContaining({ maxRetriesPerRequest: null, connectionName: 'gateway-worker' }));
    expect(cluster.status).toBe('connecting');
    await closeQueueConnection(cluster);
    expect(['disconnecting', 'end']).toContain(cluster.status);
  });
});
