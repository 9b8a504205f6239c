import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Job, Queue } from 'bullmq';
import { markTracingStarted } from '@app/common';
import { enqueue } from './enqueue';
import { traceJob } from './job-trace';

/** A queue that keeps what was added, and the job a worker would get for it. */
function recordingQueue(name: string) {
  const added: { name: string; data: Record<string, unknown>; opts: Record<string, unknown> }[] = [];
  const queue = { name, add: async (job: string, data: Record<string, unknown>, opts: Record<string, unknown>) => (added.push({ name: job, data, opts }), { id: opts.jobId }) } as unknown as Queue;
  const received = (index: number) => ({ id: added[index].opts.jobId, name: added[index].name, queueName: name, data: added[index].data, attemptsStarted: 1 }) as unknown as Job;
  return { queue, added, received };
}

const step = { chainId: 'cmd-1', command: 'fulfill', orderId: 'ord_000000000000000000000001', payload: { mode: 'flexport' }, requestedBy: 'ops', plan: [], index: 0 };

describe('enqueue and traceJob with tracing off', () => {
  it('add the data as given and run the work without a span', async () => {
    const { queue, added, received } = recordingQueue('commands-flexport');
    await enqueue(queue, 'flexport-create', step, { jobId: 'cmd-1-1' });
    expect(added[0].data).toEqual(step);
    expect(await traceJob(received(0), async () => 'done')).toBe('done');
  });
});

describe('enqueue and traceJob with tracing on: traceparent in the job data', () => {
  const exporter = new InMemorySpanExporter();
  const sdk = new NodeSDK({ spanProcessors: [new SimpleSpanProcessor(exporter)], instrumentations: [], metricReaders: [], logRecordProcessors: [], autoDetectResources: false });
  beforeAll(() => {
    sdk.start();
    markTracingStarted(true);
  });
  afterAll(async () => {
    markTracingStarted(false);
    await sdk.shutdown();
  });

  it("makes the add a producer span whose context the job carries, and the job's processing its child", async () => {
    const { queue, added, received } = recordingQueue('commands-flexport');
    await enqueue(queue, 'flexport-create', step, { jobId: 'cmd-1-1' });
    const [send] = exporter.getFinishedSpans();
    expect(send).toEqual(expect.objectContaining({ name: 'send commands-flexport', kind: 3 }));
    expect(send.attributes).toEqual(expect.objectContaining({ 'messaging.system': 'bullmq', 'messaging.destination.name': 'commands-flexport', 'messaging.message.id': 'cmd-1-1' }));
    expect(added[0].data).toEqual({ ...step, traceparent: `00-${send.spanContext().traceId}-${send.spanContext().spanId}-01` });
    expect(added[0].opts).toEqual(expect.objectContaining({ jobId: 'cmd-1-1', attempts: expect.any(Number) }));

    // The worker, in another process: only the job data links the two.
    await traceJob(received(0), async () => undefined);
    const process = exporter.getFinishedSpans()[1];
    expect(process).toEqual(expect.objectContaining({ name: 'process commands-flexport', kind: 4 }));
    expect(process.spanContext().traceId).toBe(send.spanContext().traceId);
    expect(process.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
    expect(process.attributes).toEqual(expect.objectContaining({ 'gateway.step': 'flexport-create', 'gateway.order_id': step.orderId, 'gateway.command': 'fulfill' }));
  });

  it("gives the next step the current span's context, not the one the finished step carried", async () => {
    exporter.reset();
    const { queue, added, received } = recordingQueue('commands-joom');
    const old = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const running = { id: 'cmd-1-1', name: 'flexport-create', queueName: 'commands-flexport', data: { ...step, traceparent: old }, attemptsStarted: 1 } as unknown as Job;
    await traceJob(running, () => enqueue(queue, 'push-tracking', { ...step, traceparent: old }, { jobId: 'push-1' }));
    expect(added).toHaveLength(1);
    const [send, process] = exporter.getFinishedSpans();
    expect(send.parentSpanContext?.spanId).toBe(process.spanContext().spanId);
    expect(added[0].data.traceparent).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${send.spanContext().spanId}-01`);
    expect(received(0).data.traceparent).not.toBe(old);
  });
});
