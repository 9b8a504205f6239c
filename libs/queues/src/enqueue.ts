import type { Job, JobsOptions, Queue } from 'bullmq';
import { COMMAND_JOB_OPTIONS } from './command-job-options';

/**
 * The one way the gateway adds a job to a command queue: the gateway's retry
 * and retention policy (COMMAND_JOB_OPTIONS) under whatever the caller sets
 * (its deterministic id, a deduplication, fewer attempts).
 */
export function enqueue<T>(queue: Queue, name: string, data: T, opts: JobsOptions = {}): Promise<Job<T>> {
  return queue.add(name, data, { ...COMMAND_JOB_OPTIONS, ...opts });
}
