import { Context, context, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';

/** The name of the gateway's own spans (intake, publish, process, save). */
export const TRACER_NAME = 'fulfillment-gateway';

/**
 * A W3C `traceparent` of version 00 (https://www.w3.org/TR/trace-context/):
 * version, trace id, parent span id, flags; all-zero ids are invalid.
 */
const TRACEPARENT = /^00-(?!0{32})([0-9a-f]{32})-(?!0{16})([0-9a-f]{16})-([0-9a-f]{2})$/;

let started = false;

/** Set by startTracing once the SDK runs; until then every helper here does nothing at all. */
export function markTracingStarted(on: boolean): void {
  started = on;
}

export function tracingOn(): boolean {
  return started;
}

export function isTraceparent(value: unknown): value is string {
  return typeof value === 'string' && TRACEPARENT.test(value);
}

/** The trace id a traceparent names, or undefined for none or a malformed one. */
export function traceIdOf(traceparent: unknown): string | undefined {
  return isTraceparent(traceparent) ? traceparent.slice(3, 35) : undefined;
}

/**
 * The `traceparent` of the active span, for a job to carry to its consumer.
 * Written by hand rather than by the configured propagator: job data holds
 * W3C trace context whatever OTEL_PROPAGATORS says about HTTP headers.
 */
export function activeTraceparent(): string | undefined {
  if (!started) return undefined;
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId, traceFlags } = span.spanContext();
  const traceparent = `00-${traceId}-${spanId}-${(traceFlags & 0xff).toString(16).padStart(2, '0')}`;
  return isTraceparent(traceparent) ? traceparent : undefined;
}

/** The trace id of the active span, for log lines; undefined with tracing off or outside any span. */
export function activeTraceId(): string | undefined {
  if (!started) return undefined;
  const traceId = trace.getActiveSpan()?.spanContext().traceId;
  return traceId && traceId !== '00000000000000000000000000000000' ? traceId : undefined;
}

/** The context a traceparent continues (a remote parent), or a new trace's root when there is none. */
export function contextOf(traceparent: unknown): Context {
  const match = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent) : null;
  if (!match) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, { traceId: match[1], spanId: match[2], traceFlags: parseInt(match[3], 16) & TraceFlags.SAMPLED, isRemote: true });
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Record<string, string | number | boolean | undefined>;
  /** The parent: the active context unless given (a consumer passes its job's). */
  parent?: Context;
}

/**
 * Runs `work` inside a span of the gateway's tracer, ended when it settles
 * and marked an error when it throws. With tracing off it is `work()`: no
 * span, no context, no attributes built.
 */
export function inSpan<T>(name: string, options: SpanOptions, work: (span?: Span) => Promise<T>): Promise<T> {
  if (!started) return work();
  const attributes = Object.fromEntries(Object.entries(options.attributes ?? {}).filter(([, value]) => value !== undefined)) as Record<string, string | number | boolean>;
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes }, options.parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };
