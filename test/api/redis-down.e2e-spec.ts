import request from 'supertest';
import { removeDir, startRedisServer } from '../support/redis-server';
import { auth, startApi, testConfig } from '../support/api-fixture';

describe('api when Redis is unreachable', () => {
  it('answers 503 store_unavailable quickly, reports not ready, and recovers', async () => {
    const redis = await startRedisServer();
    const app = await startApi(testConfig({ REDIS_URL: redis.url }));
    const http = request(app.getHttpServer());
    try {
      await http.get('/v1/orders').set(auth).expect(200);
      await redis.stop();

      const started = Date.now();
      const { body, headers } = await http.get('/v1/orders').set(auth).expect(503);
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(body).toEqual({ statusCode: 503, code: 'store_unavailable', message: expect.stringContaining('order store unavailable') });
      expect(headers['retry-after']).toBe('1');
      // The one route served outside Nest answers the same.
      const byId = await http.get('/v1/orders/ord_000000000000000000000000').set(auth).expect(503);
      expect(byId.body).toEqual(body);
      expect(byId.headers['retry-after']).toBe('1');
      const command = await http.post('/v1/orders/ord_000000000000000000000000/cancel').set(auth).send({ reason: 'other' }).expect(503);
      expect(command.body.code).toBe('store_unavailable');
      const ready = await http.get('/health/ready').expect(503);
      expect(ready.body).toEqual(expect.objectContaining({ statusCode: 503, code: 'service_unavailable' }));
      expect(ready.body.details.error.redis.status).toBe('down');
      await http.get('/health/live').expect(200);

      await redis.restart();
      const deadline = Date.now() + 8_000;
      let status = 0;
      while (status !== 200 && Date.now() < deadline) {
        status = (await http.get('/v1/orders').set(auth)).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe(200);
    } finally {
      await app.close();
      await redis.stop();
      removeDir(redis.dir);
    }
  });
});
