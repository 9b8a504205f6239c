import { StoreUnavailableError } from '@app/store';
import { startRedisServer, removeDir } from '../support/redis-server';
import { insert, newOrder, openStore } from '../support/store-fixtures';

describe('order store when Redis goes away', () => {
  it('fails fast with StoreUnavailableError and recovers when Redis is back', async () => {
    const redis = await startRedisServer();
    const store = await openStore(redis.url);
    try {
      const order = await insert(store.repository, newOrder());
      await redis.stop();

      const started = Date.now();
      await expect(store.repository.get(order.id)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.listing.list({ limit: 10 })).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(2_500);

      await redis.restart(); // AOF replays the order
      const deadline = Date.now() + 8_000;
      let recovered = null;
      while (!recovered && Date.now() < deadline) {
        recovered = await store.repository.get(order.id).catch(() => null);
        if (!recovered) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(recovered).toEqual(order);
    } finally {
      await store.close();
      await redis.stop();
      removeDir(redis.dir);
    }
  });
});
