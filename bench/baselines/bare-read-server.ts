/**
 * The baseline for REST reads, run as its own process (like the api):
 * Fastify answering `GET /v1/orders/:id` with the stored document, read with
 * one ioredis HGET from the key the gateway's store uses. No auth, no
 * validation, no presentation (allowedActions), no logging.
 *
 *   PORT=… REDIS_URL=… node --import tsx bench/baselines/bare-read-server.ts
 */
import Fastify from 'fastify';
import Redis from 'ioredis';
import { storeKeys } from '@app/store/store-keys';

async function main(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { connectionName: 'bench-bare-read' });
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/v1/orders/:id', async (request, reply) => {
    const doc = await redis.hget(storeKeys.order(request.params.id), 'doc');
    if (doc === null) return reply.code(404).send({ statusCode: 404, code: 'order_not_found' });
    return reply.type('application/json').send(doc);
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  console.log('bare read server listening');
  const stop = () =>
    void app
      .close()
      .then(() => redis.quit())
      .then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
