import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Job } from 'bullmq';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { observeRemoteCalls } from '@app/adapters';
import { accountOfQueue, systemOfQueue } from '@app/queues';

/** How an attempt ended: done, failed with a retry to come, or failed for good. */
export type AttemptOutcome = 'completed' | 'retried' | 'failed';

/** From a cache hit to a marketplace call behind a slow proxy. */
const STEP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** From an idle worker to a queue held back by a rate limit or an open circuit. */
const WAIT_BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900];

/**
 * The worker's own Prometheus registry, served on WORKER_HTTP_PORT: process
 * metrics and the per-attempt histograms, observed in this process (a
 * Prometheus server sums them over the worker processes it scrapes). The
 * cross-process counters stay in Redis, exposed by the api.
 */
@Injectable()
export class WorkerMetrics implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly stepDuration = new Histogram({
    name: 'gateway_step_duration_seconds',
    help: 'Time one job attempt took in this worker, by queue, the system it calls, its account and how the attempt ended',
    labelNames: ['queue', 'system', 'account', 'outcome'],
    buckets: STEP_BUCKETS,
    registers: [this.registry],
  });
  private readonly queueWait = new Histogram({
    name: 'gateway_queue_wait_seconds',
    help: "Time a job's first attempt waited in its queue (added, or its delay over, until a worker took it), by queue, system and account",
    labelNames: ['queue', 'system', 'account'],
    buckets: WAIT_BUCKETS,
    registers: [this.registry],
  });

  private readonly remoteCalls = new Counter({
    name: 'gateway_remote_responses_total',
    help: 'Calls this worker made to each external system, by the account whose credentials it sent and how it ended: the status class (429 apart) or no_answer (timeout, refused or reset connection)',
    labelNames: ['system', 'account', 'class'],
    registers: [this.registry],
  });
  private readonly deadLetters = new Counter({
    name: 'gateway_dead_letters_total',
    help: "Jobs this worker failed for good (dead letters), by queue, the system it calls, its account and the reason: the stable code that starts the job's failedReason, or gave_up after its last retry",
    labelNames: ['queue', 'system', 'account', 'reason'],
    registers: [this.registry],
  });
  private readonly stopObserving: () => void;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.stopObserving = observeRemoteCalls((system, outcome, account) => this.remoteCalls.inc({ system, account, class: outcome }));
  }

  onModuleDestroy(): void {
    this.stopObserving();
  }

  /** A job failed for good, counted by the reason its failedReason starts with. */
  deadLetter(job: Job, error: Error): void {
    this.deadLetters.inc({ ...queueLabels(job.queueName), reason: deadLetterReason(error.message) });
  }

  /** One finished attempt: how long it ran and, for a first attempt, how long it waited. */
  attempt(job: Job, outcome: AttemptOutcome, now = Date.now()): void {
    // A job handed over without its times (BullMQ always sets them) is not measured rather than throw in a worker event.
    if (!Number.isFinite(job.processedOn)) return;
    const labels = queueLabels(job.queueName);
    const startedAt = job.processedOn!;
    this.stepDuration.observe({ ...labels, outcome }, Math.max(0, now - startedAt) / 1000);
    // Later attempts waited out a backoff, which says nothing about the queue.
    const queuedAt = job.timestamp + (job.opts.delay ?? 0);
    if (job.attemptsMade <= 1 && Number.isFinite(queuedAt)) this.queueWait.observe(labels, Math.max(0, startedAt - queuedAt) / 1000);
  }
}

/**
 * A job's queue, the system it calls and the account it serves (`commands-joom.eu` → joom, eu;
 * docs/api-decisions.md AC-3): bounded, the accounts come from the configuration.
 */
function queueLabels(queue: string): { queue: string; system: string; account: string } {
  return { queue, system: systemOfQueue(queue), account: accountOfQueue(queue).account };
}

/**
 * Every refusal's failedReason starts with a stable code (`illegal_transition: …`,
 * `on_hold: …`); a transient failure that ran out of attempts has none and is
 * `gave_up`. The code keeps the label's values few, whatever the message says.
 */
export function deadLetterReason(failedReason: string): string {
  const code = /^([a-z][a-z0-9_]{1,63}): /.exec(failedReason)?.[1];
  return code ?? 'gave_up';
}
