import { Agent } from 'node:http';
import axios from 'axios';
import { Job, Queue, Worker } from 'bullmq';
import { KEEP_ALIVE_AGENT_OPTIONS } from '@app/adapters';
import { COMMAND_JOB_OPTIONS, queueConnectionOptions } from '@app/queues';
import { BENCH_JOOM_TOKEN } from '../support/gateway-stack';
import { BENCH_CARRIER } from '../support/fulfillable-orders';

/** Its own key prefix: nothing of the baseline ever mixes with the gateway's queues. */
const PREFIX = 'bench-bare';
const QUEUE = 'bare-fulfill';

interface BareFulfillJob {
  externalId: string;
  trackingNumber: string;
}

/**
 * The baseline for command throughput: a plain BullMQ worker, with the
 * concurrency of the gateway's Joom step queue, that makes the one HTTP call
 * a fulfill is about — `POST /api/v3/orders/fulfill?id=` — per job, and
 * nothing else (no validation, no order read, no state machine, no store).
 * Same Redis, same sandbox, same job options, same keep-alive HTTP client
 * settings as the gateway's adapters.
 */
export class BareFulfillWorker {
  private completed = 0;
  private failed = 0;
  private lastError = '';

  private constructor(
    private readonly queue: Queue<BareFulfillJob>,
    private readonly worker: Worker<BareFulfillJob>,
  ) {
    worker.on('completed', () => this.completed++);
    worker.on('failed', (_job, error) => {
      this.failed++;
      this.lastError = error.message;
    });
  }

  static async start(redisUrl: string, sandboxUrl: string, concurrency: number): Promise<BareFulfillWorker> {
    const connection = queueConnectionOptions(redisUrl, 'worker');
    const http = axios.create({
      baseURL: sandboxUrl,
      headers: { Accept: 'application/json', Authorization: `Bearer ${BENCH_JOOM_TOKEN}` },
      timeout: 10_000,
      httpAgent: new Agent(KEEP_ALIVE_AGENT_OPTIONS),
      validateStatus: () => true,
    });
    const queue = new Queue<BareFulfillJob>(QUEUE, { connection, prefix: PREFIX });
    const worker = new Worker<BareFulfillJob>(
      QUEUE,
      async (job: Job<BareFulfillJob>) => {
        const response = await http.post('/api/v3/orders/fulfill', { provider: BENCH_CARRIER, trackingNumber: job.data.trackingNumber }, { params: { id: job.data.externalId } });
        if (response.status !== 200) throw new Error(`fulfill ${job.data.externalId} → ${response.status} ${JSON.stringify(response.data).slice(0, 200)}`);
      },
      { connection, prefix: PREFIX, concurrency },
    );
    await worker.waitUntilReady();
    return new BareFulfillWorker(queue, worker);
  }

  async enqueue(externalIds: readonly string[], tag: string): Promise<void> {
    for (let i = 0; i < externalIds.length; i += 1_000) {
      const chunk = externalIds.slice(i, i + 1_000);
      await this.queue.addBulk(chunk.map((externalId, j) => ({ name: 'fulfill', data: { externalId, trackingNumber: `BN${tag}${i + j}` }, opts: COMMAND_JOB_OPTIONS })));
    }
  }

  /** Resolves when `count` jobs completed; throws as soon as one fails for good or time runs out. */
  async waitFor(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.completed < count) {
      if (this.failed > 0) throw new Error(`bare fulfill: ${this.failed} job(s) failed, last: ${this.lastError}`);
      if (Date.now() > deadline) throw new Error(`bare fulfill: only ${this.completed}/${count} done after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Stops the worker and removes the baseline's queue entirely. */
  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.obliterate({ force: true });
    await this.queue.close();
  }
}
