import { appendFile } from 'node:fs/promises';
import type { HrTime } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** ExportResultCode of @opentelemetry/core (SUCCESS 0, FAILED 1), not a dependency of its own for two numbers. */
const SUCCESS = 0;
const FAILED = 1;

/** One finished span as a line of the file: what a reader needs to rebuild the tree. */
export interface SpanLine {
  service: string;
  scope: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  startMs: number;
  durationMs: number;
  status: number;
  attributes: Record<string, unknown>;
}

const ms = ([seconds, nanos]: HrTime) => seconds * 1e3 + nanos / 1e6;

export function spanLine(span: ReadableSpan): SpanLine {
  const context = span.spanContext();
  return {
    service: String(span.resource.attributes['service.name'] ?? ''),
    scope: span.instrumentationScope.name,
    name: span.name,
    kind: span.kind,
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    startMs: ms(span.startTime),
    durationMs: ms(span.duration),
    status: span.status.code,
    attributes: { ...span.attributes },
  };
}

/**
 * `OTEL_TRACES_EXPORTER=file`: appends each finished span as one JSON line
 * to TRACES_FILE_PATH. For a machine without a collector (the integration
 * test reads the api's and the worker's spans from it; the bench writes to
 * /dev/null to price tracing without a network). Appends, so several
 * processes may share one file.
 */
export class FileSpanExporter implements SpanExporter {
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly path: string) {}

  export(spans: ReadableSpan[], done: (result: { code: number; error?: Error }) => void): void {
    const text = spans.map((span) => JSON.stringify(spanLine(span))).join('\n') + '\n';
    // Chained: batches land in the order they were handed over, and a flush waits for all of them.
    this.pending = this.pending
      .then(() => appendFile(this.path, text))
      .then(
        () => done({ code: SUCCESS }),
        (error: Error) => done({ code: FAILED, error }),
      );
  }

  async forceFlush(): Promise<void> {
    await this.pending;
  }

  async shutdown(): Promise<void> {
    await this.pending;
  }
}
