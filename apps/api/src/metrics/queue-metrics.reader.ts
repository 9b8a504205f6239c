import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { AccountQueues, ALL_QUEUES, extraAccountQueueNames, QUEUE_MEASURES, QueueMeasure, queueMetricField, queueMetricsKey } from '@app/queues';
import { isConnected, REDIS_CLIENT, RedisClient } from '@app/store';
import { QUEUES } from '../queues/queues.module';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** What one scrape reads; a part is null when Redis did not answer in time. */
export interface QueueSnapshot {
  jobs: { queue: string; counts: Record<JobState, number> }[] | null;
  measures: { queue: string; values: Record<QueueMeasure, number> }[] | null;
  /** Per queue, how long its oldest waiting job has waited (0 when none waits). */
  oldestWaiting: { queue: string; seconds: number }[] | null;
}

/** A scrape must answer quickly even when Redis does not: the queue metrics are then left out. */
const READ_TIMEOUT_MS = 1_000;

/**
 * Reads the queue metrics at scrape time: job counts from BullMQ and the
 * counters the workers add to Redis. Every instrument of a scrape shares one
 * read (the instruments are collected concurrently).
 */
@Injectable()
export class QueueMetricsReader {
  private readonly key: string;
  /** The queues whose worker counters are read: every fixed queue, then the other accounts' (docs/api-decisions.md AC-3). */
  private readonly counted: string[];
  private pending: Promise<QueueSnapshot> | null = null;
  private accountQueues: Queue[] | undefined;

  constructor(
    @Inject(QUEUES) private readonly queues: Queue[],
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Optional() private readonly moduleRef?: ModuleRef,
  ) {
    this.key = queueMetricsKey(config.queuePrefix);
    this.counted = [...ALL_QUEUES, ...Object.values(extraAccountQueueNames(config)).flat()];
  }

  read(): Promise<QueueSnapshot> {
    this.pending ??= this.readNow().finally(() => (this.pending = null));
    return this.pending;
  }

  /**
   * The registered queues, then the other accounts' (docs/api-decisions.md
   * AC-3), looked up once everything is built: AccountQueues lives in the
   * api's root module, beside the command intake that adds to them.
   */
  private allQueues(): Queue[] {
    if (!this.accountQueues) {
      const accounts = this.moduleRef?.get(AccountQueues, { strict: false });
      this.accountQueues = accounts ? [...accounts.allSteps(), ...accounts.allSyncs()] : [];
    }
    return [...this.queues, ...this.accountQueues];
  }

  private async readNow(): Promise<QueueSnapshot> {
    // Known to be down: ask nothing, rather than pile commands into BullMQ's offline queues every scrape.
    if (!isConnected(this.redis)) return { jobs: null, measures: null, oldestWaiting: null };
    const [jobs, measures, oldestWaiting] = await Promise.all([withTimeout(this.jobCounts()), withTimeout(this.counters()), withTimeout(this.oldestWaiting())]);
    return { jobs, measures, oldestWaiting };
  }

  /**
   * BullMQ's public getJobs, oldest first, the first job of each waiting
   * list (waiting, paused, prioritized): a stuck queue shows long before its
   * counts do.
   */
  private oldestWaiting(now = Date.now()): Promise<QueueSnapshot['oldestWaiting']> {
    return Promise.all(
      this.allQueues().map(async (queue) => {
        const firsts = await queue.getJobs(['wait', 'paused', 'prioritized'], 0, 0, true);
        // Waiting since it was added or, for a delayed job, since its delay ended.
        const oldest = Math.min(...firsts.map((job) => job.timestamp + (job.opts.delay ?? 0)));
        return { queue: queue.name, seconds: Number.isFinite(oldest) ? Math.max(0, now - oldest) / 1000 : 0 };
      }),
    );
  }

  private jobCounts(): Promise<QueueSnapshot['jobs']> {
    return Promise.all(this.allQueues().map(async (queue) => ({ queue: queue.name, counts: (await queue.getJobCounts(...JOB_STATES)) as Record<JobState, number> })));
  }

  /** Every known queue and measure, 0 until a worker first records it, so each series exists from the start. */
  private async counters(): Promise<QueueSnapshot['measures']> {
    const stored = await this.redis.hgetall(this.key);
    return this.counted.map((queue) => ({
      queue,
      values: Object.fromEntries(QUEUE_MEASURES.map((measure) => [measure, Number(stored[queueMetricField(queue, measure)] ?? 0)])) as Record<QueueMeasure, number>,
    }));
  }
}

/** The value, or null when the read fails or takes longer than READ_TIMEOUT_MS (the late answer is dropped). */
export function withTimeout<T>(read: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), READ_TIMEOUT_MS)));
  return Promise.race([read.catch(() => null), timeout]).finally(() => clearTimeout(timer));
}
