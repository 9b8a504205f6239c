import type { KeepJobs } from 'bullmq';

/** What BullMQ keeps of finished jobs: a job's own `removeOnComplete` / `removeOnFail`, or else its worker's. */
export interface JobRetention {
  removeOnComplete: KeepJobs;
  removeOnFail: KeepJobs;
}

/**
 * Finished command jobs: done ones stay visible in `GET /v1/jobs` for 7 days
 * (also how long an Idempotency-Key is remembered), failed ones for 30 days;
 * and at most 200,000 done and 50,000 failed per queue, so a flood of dead
 * letters (300 refused fulfils of one order are 300 failed jobs) cannot fill
 * Redis.
 */
export const COMMAND_JOB_RETENTION: JobRetention = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 200_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 50_000 },
};

/** Finished sync and poll runs (scheduled every SYNC_INTERVAL_MS, or asked for): the last 100 of each. */
export const SYNC_JOB_RETENTION: JobRetention = {
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 100 },
};
