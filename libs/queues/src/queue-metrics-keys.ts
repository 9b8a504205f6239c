/*
 * The queue counters the worker records and the api's /metrics reads: one
 * Redis hash per queue prefix, one field per queue and measure. Several
 * workers may run, each with its own /metrics, so they add to shared
 * counters in Redis; the api reads them at scrape time, which also keeps the
 * counters from going backwards when either process restarts. The hash tag
 * keeps the key cluster-safe should more keys join it.
 *
 *   gw:metrics:{queues}:<prefix>   hash   <queue>:<measure> → number
 */

/**
 * Per queue: finished jobs, final failures, failed attempts that will be
 * retried, and attempts that hit a rate limit. Times are histograms on each
 * worker's own /metrics (WORKER_HTTP_PORT).
 */
export const QUEUE_MEASURES = ['processed', 'failed', 'retried', 'rate_limited'] as const;
export type QueueMeasure = (typeof QUEUE_MEASURES)[number];

export function queueMetricsKey(queuePrefix: string): string {
  return `gw:metrics:{queues}:${queuePrefix}`;
}

export function queueMetricField(queue: string, measure: QueueMeasure): string {
  return `${queue}:${measure}`;
}
