/**
 * The baseline worker of both command figures, run as its own process (like
 * the gateway worker): a plain BullMQ worker, with the concurrency of the
 * gateway's Joom step queue, that makes the one HTTP call a fulfil is about
 * — `POST /api/v3/orders/fulfill?id=` — per job, and nothing else (no
 * validation, no order read, no state machine, no store). Same Redis, same
 * sandbox, same connection options, same keep-alive HTTP client settings as
 * the gateway's adapters. Every failed attempt is logged: the harness treats
 * one as a broken round.
 *
 *   REDIS_URL=… SANDBOX_URL=… JOOM_TOKEN=… CONCURRENCY=… node --import tsx bench/baselines/bare-fulfill-worker.ts
 */
import { Agent } from 'node:http';
import axios from 'axios';
import { Job, Worker } from 'bullmq';
import { KEEP_ALIVE_AGENT_OPTIONS } from '@app/adapters';
import { queueConnectionOptions } from '@app/queues/queue-connection';
import { BARE_PREFIX, BARE_QUEUE, BareFulfillJob } from './bare-fulfill-queue';

async function main(): Promise<void> {
  const http = axios.create({
    baseURL: process.env.SANDBOX_URL,
    headers: { Accept: 'application/json', Authorization: `Bearer ${process.env.JOOM_TOKEN}` },
    timeout: 10_000,
    httpAgent: new Agent(KEEP_ALIVE_AGENT_OPTIONS),
    validateStatus: () => true,
  });
  const worker = new Worker<BareFulfillJob>(
    BARE_QUEUE,
    async (job: Job<BareFulfillJob>) => {
      const { externalId, carrier, trackingNumber } = job.data;
      const response = await http.post('/api/v3/orders/fulfill', { provider: carrier, trackingNumber }, { params: { id: externalId } });
      if (response.status !== 200) throw new Error(`fulfill ${externalId} → ${response.status} ${JSON.stringify(response.data).slice(0, 200)}`);
    },
    { connection: queueConnectionOptions(process.env.REDIS_URL!, 'worker'), prefix: BARE_PREFIX, concurrency: Number(process.env.CONCURRENCY) },
  );
  worker.on('failed', (job, error) => console.error(`bare fulfill failed: job ${job?.id}: ${error.message}`));
  await worker.waitUntilReady();
  console.log(`bare fulfill worker ready, concurrency ${worker.concurrency}`);
  const stop = () => void worker.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
