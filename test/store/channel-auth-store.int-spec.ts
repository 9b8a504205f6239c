import { ChannelAuthStore, channelAuthKeys, RedisClient } from '@app/store';
import { RedisClusterHandle, startRedisCluster } from '../support/redis-cluster';
import { connectRedis, redisUrl } from '../support/store-fixtures';

jest.setTimeout(60_000);

const TOKENS = { accessToken: 'at-1', accessIssuedAt: 1_000, accessExpiresAt: 61_000, refreshToken: 'rt-1', seedFingerprint: 'fp-seed', generation: 3 };

/** The Joom OAuth keys (docs/api-decisions.md OA-3, OA-4, OA-6) on one Redis and on a Redis Cluster. */
describe.each([
  ['one Redis', async () => ({ redis: await connectRedis(redisUrl(), 'test-auth'), stop: async () => undefined })],
  [
    'a Redis Cluster',
    async () => {
      const cluster: RedisClusterHandle = await startRedisCluster();
      return { redis: await connectRedis(cluster.url, 'test-auth'), stop: () => cluster.stop() };
    },
  ],
])('ChannelAuthStore on %s', (_, connect) => {
  let redis: RedisClient;
  let stop: () => Promise<void>;
  let store: ChannelAuthStore;
  const account = `acct-${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    ({ redis, stop } = await connect());
    store = new ChannelAuthStore(redis);
  });
  afterAll(async () => {
    redis?.disconnect();
    await stop?.();
  });

  it('keeps the three keys of an account in one slot', async () => {
    const keys = [channelAuthKeys.tokens('joom', account), channelAuthKeys.state('joom', account), channelAuthKeys.lock('joom', account)];
    const slots = await Promise.all(keys.map((key) => redis.call('CLUSTER', 'KEYSLOT', key).catch(() => null)));
    if (slots[0] !== null) expect(new Set(slots).size).toBe(1);
  });

  it('stores and reads the tokens', async () => {
    expect(await store.readTokens('joom', account)).toBeNull();
    await store.saveTokens('joom', account, TOKENS);
    expect(await store.readTokens('joom', account)).toEqual(TOKENS);
  });

  it('gives the lock to one owner at a time, releases it only for that owner, and lets it expire', async () => {
    expect(await store.tryLock('joom', account, 'owner-a', 400)).toBe(true);
    expect(await store.tryLock('joom', account, 'owner-b', 400)).toBe(false);
    await store.unlock('joom', account, 'owner-b');
    expect(await store.isLocked('joom', account)).toBe(true);
    await store.unlock('joom', account, 'owner-a');
    expect(await store.tryLock('joom', account, 'owner-b', 300)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await store.tryLock('joom', account, 'owner-c', 300)).toBe(true);
    await store.unlock('joom', account, 'owner-c');
  });

  it('records ok and refused with the time the status changed', async () => {
    await store.recordRefused('joom', account, 'refresh token already used', 'abc123def456', new Date('2026-01-01T00:00:00Z'));
    await store.recordRefused('joom', account, 'refresh token already used', 'abc123def456', new Date('2026-01-01T00:05:00Z'));
    expect(await store.readState('joom', account)).toEqual({
      status: 'refused',
      reason: 'refresh token already used',
      since: '2026-01-01T00:00:00.000Z',
      refreshedAt: null,
      refusedFingerprint: 'abc123def456',
    });
    await store.recordOk('joom', account, new Date('2026-01-01T01:00:00Z'));
    expect(await store.readState('joom', account)).toMatchObject({ status: 'ok', reason: null, since: '2026-01-01T01:00:00.000Z', refusedFingerprint: null });
  });
});
