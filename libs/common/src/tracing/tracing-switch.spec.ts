import { TracingConfigError, tracingPlan } from './tracing-switch';

describe('tracingPlan (OP-1: off unless OTEL_TRACES_EXPORTER names an exporter)', () => {
  it.each([
    ['nothing set', {}],
    ['an empty exporter list', { OTEL_TRACES_EXPORTER: ' ' }],
    ['none', { OTEL_TRACES_EXPORTER: 'none' }],
    ['none among others', { OTEL_TRACES_EXPORTER: 'otlp,none' }],
    ['the SDK disabled', { OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'TRUE' }],
    ['only an endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }],
  ])('is off with %s', (_, env) => {
    expect(tracingPlan(env)).toBeNull();
  });

  it('is on with the exporters named, deduplicated, whatever their case', () => {
    expect(tracingPlan({ OTEL_TRACES_EXPORTER: 'OTLP, console,otlp', OTEL_SDK_DISABLED: 'false' })).toEqual({ exporters: ['otlp', 'console'] });
  });

  it('writes to TRACES_FILE_PATH with the file exporter', () => {
    expect(tracingPlan({ OTEL_TRACES_EXPORTER: 'file', TRACES_FILE_PATH: '/tmp/spans.jsonl' })).toEqual({ exporters: ['file'], file: '/tmp/spans.jsonl' });
  });

  it.each([
    [{ OTEL_TRACES_EXPORTER: 'jaeger' }, 'OTEL_TRACES_EXPORTER'],
    [{ OTEL_TRACES_EXPORTER: 'file' }, 'TRACES_FILE_PATH'],
    [{ OTEL_TRACES_EXPORTER: 'file,otlp', TRACES_FILE_PATH: '/tmp/x' }, 'OTEL_TRACES_EXPORTER'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => tracingPlan(env)).toThrow(TracingConfigError);
    expect(() => tracingPlan(env)).toThrow(variable);
  });
});
