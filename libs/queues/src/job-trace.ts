import type { Job } from 'bullmq';
import { contextOf, inSpan, SpanKind, tracingOn } from '@app/common';

/**
 * Runs a worker's processing of a job inside a consumer span, the child of
 * the span that added the job (the `traceparent` enqueue put in its data),
 * so the REST request, the intake, each step, its outbound call and its save
 * are one trace. A job without one (a producer's own) starts a trace.
 */
export function traceJob<T>(job: Job, work: () => Promise<T>): Promise<T> {
  if (!tracingOn()) return work();
  const data = job.data as { traceparent?: unknown; orderId?: unknown; command?: unknown } | undefined;
  const attributes = {
    'messaging.system': 'bullmq',
    'messaging.operation.type': 'process',
    'messaging.destination.name': job.queueName,
    'messaging.message.id': job.id,
    'gateway.step': job.name,
    'gateway.attempt': job.attemptsStarted,
    'gateway.order_id': typeof data?.orderId === 'string' ? data.orderId : undefined,
    'gateway.command': typeof data?.command === 'string' ? data.command : undefined,
  };
  return inSpan(`process ${job.queueName}`, { kind: SpanKind.CONSUMER, attributes, parent: contextOf(data?.traceparent) }, work);
}
