import { join } from 'node:path';
import { Queue } from 'bullmq';
import { COMMAND_JOB_OPTIONS, queueConnectionOptions } from '@app/queues';
import { freePort } from '../../test/support/redis-server';
import { BARE_PREFIX, BARE_QUEUE, BareFulfillJob } from '../baselines/bare-fulfill-queue';
import { BenchContext } from './bench-context';
import { BenchProcess, spawnNode, waitForLog } from './child-processes';
import { BENCH_CARRIER } from './fulfillable-orders';
import { BENCH_JOOM_TOKEN, cpuProfileArgs } from './gateway-stack';

const POLL_MS = 10;
/** Each start gets its own log files (they are appended to), so waiting for a "ready" line never reads an earlier process's. */
let starts = 0;

/**
 * The bare side of the command figures, seen from the harness: the bare
 * BullMQ worker process (baselines/bare-fulfill-worker.ts), optionally the
 * bare Fastify route in front of it (baselines/bare-command-server.ts), and
 * a producer on their queue. A round waits on the queue's completed count,
 * read every 10 ms — as the gateway's rounds read the order-events streams.
 */
export class BareCommandSide {
  private constructor(
    private readonly queue: Queue<BareFulfillJob>,
    readonly worker: BenchProcess,
    /** The bare route's process and URL, when started with one. */
    readonly server: { process: BenchProcess; url: string } | null,
  ) {}

  static async start(context: BenchContext, concurrency: number, withServer: boolean): Promise<BareCommandSide> {
    const { config, stack } = context;
    const script = (name: string) => join(config.root, 'bench', 'baselines', `${name}.ts`);
    const common = { cwd: config.root, logDir: config.workDir };
    const suffix = ++starts === 1 ? '' : `-${starts}`;
    const nodeArgs = (profile: string) => ['--import', 'tsx', ...cpuProfileArgs(config, profile)];
    const queue = new Queue<BareFulfillJob>(BARE_QUEUE, { connection: queueConnectionOptions(config.redisUrl, 'worker'), prefix: BARE_PREFIX });
    await queue.obliterate({ force: true });
    const worker = spawnNode({
      ...common,
      name: `bare-fulfill-worker${suffix}`,
      nodeArgs: nodeArgs('bare-worker'),
      script: script('bare-fulfill-worker'),
      env: { REDIS_URL: config.redisUrl, SANDBOX_URL: stack.sandboxUrl, JOOM_TOKEN: BENCH_JOOM_TOKEN, CONCURRENCY: String(concurrency) },
    });
    let server: BareCommandSide['server'] = null;
    try {
      await waitForLog(worker, /bare fulfill worker ready/);
      if (withServer) {
        const port = await freePort();
        const child = spawnNode({
          ...common,
          name: `bare-command-server${suffix}`,
          nodeArgs: nodeArgs('bare-command'),
          script: script('bare-command-server'),
          env: { PORT: String(port), REDIS_URL: config.redisUrl },
        });
        server = { process: child, url: `http://127.0.0.1:${port}` };
        await waitForLog(child, /listening/);
      }
    } catch (error) {
      await Promise.all([worker.stop(), server?.process.stop(), queue.close()]);
      throw error;
    }
    return new BareCommandSide(queue, worker, server);
  }

  /** The processes a bare round runs on, by role, for the CPU meter: the gateway's worker and api replaced by the bare ones. */
  pids(context: BenchContext): Record<string, number> {
    const shared = Object.entries(context.pids()).filter(([role]) => role !== 'worker' && role !== 'api');
    return { ...Object.fromEntries(shared), worker: this.worker.pid, ...(this.server ? { api: this.server.process.pid } : {}) };
  }

  /** Adds one fulfil job per Joom order straight to the queue (the queue figure's intake). */
  async enqueue(externalIds: readonly string[], tag: string): Promise<void> {
    for (let i = 0; i < externalIds.length; i += 1_000) {
      const chunk = externalIds.slice(i, i + 1_000);
      await this.queue.addBulk(chunk.map((externalId, j) => ({ name: 'fulfill', data: { externalId, carrier: BENCH_CARRIER, trackingNumber: `BN${tag}${i + j}` }, opts: COMMAND_JOB_OPTIONS })));
    }
  }

  async completed(): Promise<number> {
    return (await this.queue.getJobCounts('completed')).completed;
  }

  /** Resolves when `count` more jobs than `before` completed; throws as soon as one attempt failed (the worker logs it) or time runs out. */
  async waitFor(before: number, count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.queue.getJobCounts('completed', 'failed', 'delayed');
      if (counts.failed + counts.delayed > 0) throw new Error(`bare fulfill: a job failed; see ${this.worker.logFile}:\n${this.worker.log().slice(-1000)}`);
      if (counts.completed - before >= count) return;
      if (Date.now() > deadline) throw new Error(`bare fulfill: only ${counts.completed - before}/${count} done after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Stops the processes and removes the baseline's queue entirely. */
  async close(): Promise<void> {
    await Promise.all([this.worker.stop(), this.server?.process.stop()]);
    await this.queue.obliterate({ force: true });
    await this.queue.close();
  }
}
