import { CommandLeases, orderIdFor, RedisClient } from '@app/store';
import { connectRedis, redisUrl } from '../support/store-fixtures';

jest.setTimeout(30_000);

/** The order's command lease on a real Redis: one holder at a time, handed on and released only by whoever has it. */
describe('CommandLeases', () => {
  let redis: RedisClient;
  let leases: CommandLeases;
  const orderId = orderIdFor('joom', 'main', `lease-${Math.random().toString(36).slice(2, 8)}`);

  beforeAll(async () => {
    redis = await connectRedis(redisUrl(), 'test-leases');
    leases = new CommandLeases(redis);
  });
  afterAll(() => redis?.disconnect());

  it('takes a free lease, answers the holding to anyone else, and nothing to the holder itself', async () => {
    expect(await leases.take(orderId, 'commands-joom/a-1', 1_000)).toBeNull();
    expect(await leases.take(orderId, 'commands-joom/a-1', 2_000)).toBeNull();
    expect(await leases.take(orderId, 'commands-joom/b-1', 3_000)).toEqual({ holder: 'commands-joom/a-1', since: 1_000 });
  });

  it('hands it on only from its holder, stamping when', async () => {
    expect(await leases.swap(orderId, 'commands-joom/b-1', 'commands-flexport/b-2', 4_000)).toBe(false);
    // A holder whose name is a prefix of the real one's is not it.
    expect(await leases.swap(orderId, 'commands-joom/a', 'commands-flexport/b-2', 4_000)).toBe(false);
    expect(await leases.swap(orderId, 'commands-joom/a-1', 'commands-akinon/a-2', 5_000)).toBe(true);
    expect(await leases.take(orderId, 'commands-joom/c-1', 6_000)).toEqual({ holder: 'commands-akinon/a-2', since: 5_000 });
  });

  it('is released only by its holder, then free for the next command', async () => {
    await leases.release(orderId, 'commands-joom/a-1');
    expect(await leases.take(orderId, 'commands-joom/c-1')).toEqual(expect.objectContaining({ holder: 'commands-akinon/a-2' }));
    await leases.release(orderId, 'commands-akinon/a-2');
    expect(await leases.take(orderId, 'commands-joom/c-1')).toBeNull();
  });

  it('keeps a job id with spaces or slashes whole', async () => {
    const other = orderIdFor('joom', 'main', `lease-odd-${Math.random().toString(36).slice(2, 8)}`);
    expect(await leases.take(other, 'commands-joom/crm /order 7-1', 7_000)).toBeNull();
    expect(await leases.take(other, 'commands-joom/x', 8_000)).toEqual({ holder: 'commands-joom/crm /order 7-1', since: 7_000 });
    expect(await leases.swap(other, 'commands-joom/crm /order 7-1', 'commands-joom/crm /order 7-2', 9_000)).toBe(true);
  });
});
