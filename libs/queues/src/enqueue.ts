import type { Job, JobsOptions, Queue } from 'bullmq';
import { activeTraceparent, inSpan, SpanKind, tracingOn } from '@app/common';
import { COMMAND_JOB_OPTIONS } from './command-job-options';

/**
 * The one way the gateway adds a job to a command queue: the gateway's retry
 * and retention policy (COMMAND_JOB_OPTIONS) under whatever the caller sets
 * (its deterministic id, a deduplication, fewer attempts). With tracing on
 * the add is a producer span, and the job carries that span's W3C
 * `traceparent` in its data, which the worker's span for the job continues
 * (traceJob).
 */
export function enqueue<T extends object>(queue: Queue, name: string, data: T, opts: JobsOptions = {}): Promise<Job<T>> {
  const options = { ...COMMAND_JOB_OPTIONS, ...opts };
  if (!tracingOn()) return queue.add(name, data, options);
  const attributes = { 'messaging.system': 'bullmq', 'messaging.operation.type': 'send', 'messaging.destination.name': queue.name, 'messaging.message.id': opts.jobId, 'gateway.step': name };
  return inSpan(`send ${queue.name}`, { kind: SpanKind.PRODUCER, attributes }, () => {
    const traceparent = activeTraceparent();
    return queue.add(name, (traceparent ? { ...data, traceparent } : data) as T, options);
  });
}
