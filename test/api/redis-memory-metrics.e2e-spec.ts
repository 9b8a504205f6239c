import { INestApplication } from '@nestjs/common';
import { Cluster } from 'ioredis';
import request from 'supertest';
import { RedisClient } from '@app/store';
import { startApi } from '../support/api-fixture';
import { connectRedis } from '../support/store-fixtures';

const MAXMEMORY = 3 * 1024 * 1024 * 1024;

/** Prometheus text lines of one metric: labels → value. */
function samples(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const match of text.matchAll(new RegExp(`^${name}\\{node="([^"]+)"\\} (\\S+)$`, 'gm'))) found.set(match[1], Number(match[2]));
  return found;
}

describe('/metrics: Redis memory, read at scrape time', () => {
  let app: INestApplication;
  let redis: RedisClient;
  let masters: RedisClient[];
  const before: string[] = [];

  beforeAll(async () => {
    redis = await connectRedis();
    masters = redis instanceof Cluster ? (redis.nodes('master') as RedisClient[]) : [redis];
    for (const node of masters) {
      before.push(((await node.config('GET', 'maxmemory')) as string[])[1]);
      await node.config('SET', 'maxmemory', String(MAXMEMORY));
    }
    app = await startApi();
  });
  afterAll(async () => {
    await app?.close();
    for (const [index, node] of masters.entries()) await node.config('SET', 'maxmemory', before[index]);
    redis.disconnect();
  });

  it('exposes each server’s used memory and maxmemory, as INFO memory says now', async () => {
    const http = request(app.getHttpServer());
    const first = await http.get('/metrics').expect(200);
    const max = samples(first.text, 'gateway_redis_maxmemory_bytes');
    const used = samples(first.text, 'gateway_redis_memory_used_bytes');
    expect(max.size).toBe(masters.length);
    expect([...max.values()]).toEqual(masters.map(() => MAXMEMORY));
    expect([...used.keys()].sort()).toEqual([...max.keys()].sort());
    for (const value of used.values()) expect(value).toBeGreaterThan(0);

    // Read again at the next scrape, not cached from boot.
    for (const node of masters) await node.config('SET', 'maxmemory', String(MAXMEMORY / 3));
    const second = await http.get('/metrics').expect(200);
    expect([...samples(second.text, 'gateway_redis_maxmemory_bytes').values()]).toEqual(masters.map(() => MAXMEMORY / 3));
  });
});
