import type { IncomingMessage } from 'node:http';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { markTracingStarted } from './trace-context';
import { TracingConfigError, tracingPlan } from './tracing-switch';

/** Health probes and scrapes: one every few seconds, nothing to follow. */
const UNTRACED_PATH = /^\/(health|metrics)(\/|\?|$)/;

let sdk: NodeSDK | null = null;

/**
 * Starts OpenTelemetry tracing when the OTEL_* variables ask for it
 * (tracingPlan), and returns whether it did. Called first thing in a
 * process's entrypoint: the http, fastify and ioredis instrumentations patch
 * those modules as they are loaded. With tracing off nothing of the SDK is
 * even required — the helpers of trace-context.ts then do nothing.
 *
 * Exports traces only: the gateway's metrics are Prometheus (`/metrics`) and
 * its logs pino lines, so the SDK's metric and log pipelines stay off.
 */
export function startTracing(service: 'api' | 'worker', env: Record<string, string | undefined> = process.env): boolean {
  const plan = tracingPlan(env);
  if (!plan) return false;
  /* eslint-disable @typescript-eslint/no-require-imports -- required only when tracing is on */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { IORedisInstrumentation } = require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  const { FastifyOtelInstrumentation } = require('@fastify/otel') as typeof import('@fastify/otel');
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { FileSpanExporter } = require('./file-span-exporter') as typeof import('./file-span-exporter');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const named = env.OTEL_SERVICE_NAME || /(^|,)\s*service\.name=/.test(env.OTEL_RESOURCE_ATTRIBUTES ?? '');
  sdk = new NodeSDK({
    serviceName: named ? undefined : `fulfillment-gateway-${service}`,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATH.test(request.url ?? '') }),
      new FastifyOtelInstrumentation({ registerOnInitialization: true, ignorePaths: (route: { url: string }) => UNTRACED_PATH.test(route.url) }),
      // The command name only: arguments are order documents (addresses, names) and keys.
      new IORedisInstrumentation({ dbStatementSerializer: (command: string) => command }),
    ],
    // `file` is the gateway's exporter; the others the SDK builds from OTEL_TRACES_EXPORTER and OTEL_EXPORTER_OTLP_*.
    ...(plan.file ? { spanProcessors: [new BatchSpanProcessor(new FileSpanExporter(plan.file))] } : {}),
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  markTracingStarted(true);
  return true;
}

/** Ends the spans' export: what is batched is flushed. A no-op when tracing is off. */
export async function stopTracing(): Promise<void> {
  if (!sdk) return;
  const running = sdk;
  sdk = null;
  markTracingStarted(false);
  await running.shutdown().catch(() => undefined);
}

/**
 * startTracing for an entrypoint's first import: a bad tracing variable stops
 * the process like any configuration error — one line naming the variable.
 */
export function bootTracing(service: 'api' | 'worker'): void {
  try {
    startTracing(service);
  } catch (error) {
    if (!(error instanceof TracingConfigError)) throw error;
    // Required only now: the boot logger brings pino and Nest, which must load after the instrumentations.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { exitOnBootFailure } = require('../boot-log') as typeof import('../boot-log');
    exitOnBootFailure(service, error.message);
  }
}
