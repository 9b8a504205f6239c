import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { FileSpanExporter, SpanLine } from './file-span-exporter';
import { inSpan, markTracingStarted } from './trace-context';

describe('FileSpanExporter (OTEL_TRACES_EXPORTER=file)', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'gw-span-file-')), 'spans.jsonl');
  const exporter = new FileSpanExporter(path);
  const sdk = new NodeSDK({
    serviceName: 'fulfillment-gateway-worker',
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
    autoDetectResources: false,
  });
  beforeAll(() => {
    sdk.start();
    markTracingStarted(true);
  });
  afterAll(async () => {
    markTracingStarted(false);
    await sdk.shutdown();
  });

  it('appends one JSON line per finished span, with what rebuilds the tree', async () => {
    await inSpan('process commands-flexport', { kind: SpanKind.CONSUMER, attributes: { 'gateway.step': 'flexport-create' } }, () => inSpan('order.save', {}, async () => undefined));
    await exporter.forceFlush();
    const lines = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as SpanLine);
    expect(lines).toEqual([
      expect.objectContaining({ name: 'order.save', kind: SpanKind.INTERNAL, service: 'fulfillment-gateway-worker', scope: 'fulfillment-gateway', parentSpanId: lines[1].spanId }),
      expect.objectContaining({ name: 'process commands-flexport', kind: SpanKind.CONSUMER, parentSpanId: null, attributes: { 'gateway.step': 'flexport-create' } }),
    ]);
    expect(lines[0].traceId).toBe(lines[1].traceId);
    expect(lines[1].durationMs).toBeGreaterThanOrEqual(lines[0].durationMs);
    expect(lines[0].startMs).toBeGreaterThan(1.7e12);
  });
});
