import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createGatewayLogger } from '../logger.module';
import { activeTraceId, activeTraceparent, contextOf, inSpan, isTraceparent, markTracingStarted, traceIdOf, TRACER_NAME } from './trace-context';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('traceparent text', () => {
  it('accepts version 00 with non-zero ids, lower-case hex', () => {
    expect(isTraceparent(TRACEPARENT)).toBe(true);
    expect(traceIdOf(TRACEPARENT)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it.each([
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['an all-zero span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['another version', '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['upper-case hex', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'],
    ['a short trace id', '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01'],
    ['extra text', `${TRACEPARENT}-00`],
    ['a number', 42],
  ])('refuses %s', (_, value) => {
    expect(isTraceparent(value)).toBe(false);
    expect(traceIdOf(value)).toBeUndefined();
  });
});

describe('with tracing off', () => {
  it('writes log lines without a trace id', () => {
    const lines: string[] = [];
    createGatewayLogger({ level: 'info', service: 'api' }, { write: (line: string) => lines.push(line) }).info('plain');
    expect(JSON.parse(lines[0])).not.toHaveProperty('traceId');
  });

  it('runs the work without a span and has no traceparent to give', async () => {
    expect(await inSpan('off', {}, async (span) => ({ span, active: trace.getActiveSpan(), traceparent: activeTraceparent() }))).toEqual({
      span: undefined,
      active: undefined,
      traceparent: undefined,
    });
  });
});

describe('with tracing on (in-memory exporter)', () => {
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
  beforeEach(() => exporter.reset());

  it('nests spans of the gateway tracer and writes the active one as a traceparent', async () => {
    const seen = await inSpan('outer', { attributes: { 'gateway.order_id': 'ord_1', skipped: undefined } }, () => inSpan('inner', { kind: SpanKind.PRODUCER }, async () => activeTraceparent()));
    const [inner, outer] = exporter.getFinishedSpans();
    expect([inner.name, outer.name]).toEqual(['inner', 'outer']);
    expect(inner.instrumentationScope.name).toBe(TRACER_NAME);
    expect(inner.kind).toBe(SpanKind.PRODUCER);
    expect(inner.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(outer.attributes).toEqual({ 'gateway.order_id': 'ord_1' });
    expect(seen).toBe(`00-${inner.spanContext().traceId}-${inner.spanContext().spanId}-01`);
  });

  it('continues the trace a traceparent names, as the child of the span it names', async () => {
    await inSpan('process commands-flexport', { kind: SpanKind.CONSUMER, parent: contextOf(TRACEPARENT) }, () => inSpan('order.save', {}, async () => undefined));
    const [save, consumer] = exporter.getFinishedSpans();
    expect(consumer.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(consumer.parentSpanContext).toEqual(expect.objectContaining({ spanId: '00f067aa0ba902b7', isRemote: true }));
    expect(save.parentSpanContext?.spanId).toBe(consumer.spanContext().spanId);
  });

  it('starts a new trace for no traceparent or a malformed one, whatever span is active', async () => {
    await inSpan('unrelated', {}, () => inSpan('job', { parent: contextOf('00-zz') }, async () => undefined));
    const [job, unrelated] = exporter.getFinishedSpans();
    expect(job.parentSpanContext).toBeUndefined();
    expect(job.spanContext().traceId).not.toBe(unrelated.spanContext().traceId);
  });

  it("puts the active span's trace id on every log line written inside it, and none outside", async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createGatewayLogger({ level: 'info', service: 'worker' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    logger.info('outside');
    await inSpan('process commands-joom', { parent: contextOf(TRACEPARENT) }, async () => {
      expect(activeTraceId()).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
      logger.info({ step: 'push-tracking' }, 'step completed');
    });
    expect(activeTraceId()).toBeUndefined();
    expect(lines).toEqual([
      expect.not.objectContaining({ traceId: expect.anything() }),
      expect.objectContaining({ msg: 'step completed', step: 'push-tracking', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }),
    ]);
  });

  it('marks a span that throws an error, and lets the error through', async () => {
    await expect(inSpan('failing', {}, async () => Promise.reject(new Error('flexport answered 503')))).rejects.toThrow('flexport answered 503');
    const [failing] = exporter.getFinishedSpans();
    expect(failing.status).toEqual({ code: SpanStatusCode.ERROR, message: 'flexport answered 503' });
    expect(failing.events.map((event) => event.name)).toEqual(['exception']);
  });
});
