import { queueConnectionOptions } from './queue-connection';

describe('queueConnectionOptions', () => {
  it('reads host, port, credentials and db from REDIS_URL', () => {
    expect(queueConnectionOptions('redis://user:p%40ss@cache.internal:6390/2', 'worker')).toEqual(
      expect.objectContaining({ host: 'cache.internal', port: 6390, username: 'user', password: 'p@ss', db: 2, maxRetriesPerRequest: null }),
    );
  });

  it('fails fast for producers and uses TLS for rediss://', () => {
    expect(queueConnectionOptions('rediss://127.0.0.1', 'producer')).toEqual(
      expect.objectContaining({ port: 6379, db: 0, tls: {}, maxRetriesPerRequest: 1, commandTimeout: 2_000 }),
    );
  });
});
