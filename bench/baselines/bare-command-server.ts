/**
 * The baseline api of the REST command figure, run as its own process (like
 * the api): Fastify taking the same `POST /v1/orders/:id/fulfill` body and
 * adding one job to the bare worker's queue with the gateway's job options,
 * answering 202. The `:id` is the Joom order id itself. No auth, no
 * validation, no order read, no logging.
 *
 *   PORT=… REDIS_URL=… node --import tsx bench/baselines/bare-command-server.ts
 */
import { Queue } from 'bullmq';
import Fastify from 'fastify';
import { COMMAND_JOB_OPTIONS } from '@app/queues/command-job-options';
import { queueConnectionOptions } from '@app/queues/queue-connection';
import { BARE_PREFIX, BARE_QUEUE, BareFulfillJob } from './bare-fulfill-queue';

async function main(): Promise<void> {
  const queue = new Queue<BareFulfillJob>(BARE_QUEUE, { connection: queueConnectionOptions(process.env.REDIS_URL!, 'producer'), prefix: BARE_PREFIX });
  const app = Fastify({ logger: false });
  app.post<{ Params: { id: string }; Body: { carrier: string; trackingNumber: string } }>('/v1/orders/:id/fulfill', async (request, reply) => {
    const { carrier, trackingNumber } = request.body;
    const job = await queue.add('fulfill', { externalId: request.params.id, carrier, trackingNumber }, COMMAND_JOB_OPTIONS);
    return reply.code(202).send({ jobId: job.id, orderId: request.params.id, command: 'fulfill' });
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  console.log('bare command server listening');
  const stop = () =>
    void app
      .close()
      .then(() => queue.close())
      .then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
