/** Exporters OTEL_TRACES_EXPORTER may name: the SDK's own, and the gateway's `file`. */
const EXPORTERS = ['otlp', 'console', 'zipkin', 'file'];

export interface TracingPlan {
  /** The exporters named by OTEL_TRACES_EXPORTER. */
  exporters: string[];
  /** TRACES_FILE_PATH, with the `file` exporter. */
  file?: string;
}

/** A tracing variable that cannot be used; names the variable. */
export class TracingConfigError extends Error {
  override readonly name = 'TracingConfigError';
}

/**
 * Whether the process traces, from the standard variables (OP-1 in
 * docs/api-decisions.md): only when OTEL_TRACES_EXPORTER names an exporter
 * and OTEL_SDK_DISABLED is not `true`. Unlike the specification's default
 * (`otlp`), an unset OTEL_TRACES_EXPORTER means no tracing: a deployment
 * without a collector loads no SDK and sends nothing.
 */
export function tracingPlan(env: Record<string, string | undefined>): TracingPlan | null {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return null;
  const exporters = [
    ...new Set(
      (env.OTEL_TRACES_EXPORTER ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (exporters.length === 0 || exporters.includes('none')) return null;
  const unknown = exporters.filter((name) => !EXPORTERS.includes(name));
  if (unknown.length > 0) throw new TracingConfigError(`OTEL_TRACES_EXPORTER must be a list of ${EXPORTERS.join(', ')} or none; ${unknown.join(', ')} is not one`);
  if (!exporters.includes('file')) return { exporters };
  if (exporters.length > 1) throw new TracingConfigError('OTEL_TRACES_EXPORTER=file cannot be combined with another exporter');
  const file = env.TRACES_FILE_PATH?.trim();
  if (!file) throw new TracingConfigError('TRACES_FILE_PATH is required with OTEL_TRACES_EXPORTER=file');
  return { exporters, file };
}
