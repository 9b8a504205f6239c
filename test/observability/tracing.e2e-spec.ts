import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpanLine } from '@app/common/tracing/file-span-exporter';
import { OrderIngestor } from '@app/store';
import { auth, testConfig } from '../support/api-fixture';
import { gatewayEnv, GatewayStack, ingestMatching, offlineReady } from '../support/gateway-stack';
import { RunningProcess, startProcess, waitForHttp, waitForOutput } from '../support/processes';
import { freePort } from '../support/redis-server';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { openQueue } from '../support/queue-fixtures';
import { flushRedis, openStore, StoreFixture } from '../support/store-fixtures';

jest.setTimeout(90_000);

/** SpanKind of @opentelemetry/api. */
const KIND = { INTERNAL: 0, SERVER: 1, CLIENT: 2, PRODUCER: 3, CONSUMER: 4 };

/**
 * Api and worker as the built processes with OTEL_TRACES_EXPORTER=file (the
 * api runs in its own process here, not in jest's: the instrumentations
 * patch http, fastify and ioredis as the entrypoint loads them). Both append
 * their spans to one file, flushed when they stop.
 */
describe('tracing (OTEL_TRACES_EXPORTER=file): one trace per command, from the REST request to the save', () => {
  let sandbox: SandboxHandle;
  let api: RunningProcess;
  let worker: RunningProcess;
  let store: StoreFixture;
  let apiUrl: string;
  let spansFile: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '40' });
    spansFile = join(mkdtempSync(join(tmpdir(), 'gw-spans-')), 'spans.jsonl');
    env = gatewayEnv(sandbox, { OTEL_TRACES_EXPORTER: 'file', TRACES_FILE_PATH: spansFile, OTEL_BSP_SCHEDULE_DELAY: '200', LOG_LEVEL: 'info' });
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    api = startProcess('api', { ...env, PORT: String(port) });
    worker = startProcess('worker', env);
    // A loaded machine may take a while to boot two processes at once.
    await waitForHttp(`${apiUrl}/health/live`, 45_000);
    await waitForOutput(worker, /worker started/, 45_000);
    store = await openStore(env.REDIS_URL);
  });
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await store?.close();
    await sandbox?.stop();
  });

  it("starts a trace for a producer's command job, which its step continues; history and the step line name it", async () => {
    const config = testConfig(env);
    const [order] = await ingestMatching({ config, ingestor: new OrderIngestor(store.repository) } as GatewayStack, 'joom', 1, offlineReady);
    const producer = openQueue('order-commands', env.REDIS_URL);
    try {
      await producer.queue.add('fulfill', { orderId: order.id, mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062899' }, { jobId: 'traced-1' });
    } finally {
      await producer.close();
    }
    const shipped = await waitFor(async () => (await store.repository.history(order.id)).find((entry) => entry.to === 'shipped'));
    expect(shipped).toEqual(expect.objectContaining({ correlationId: 'order-commands/traced-1', traceId: expect.stringMatching(/^[0-9a-f]{32}$/) }));
    await waitForOutput(worker, new RegExp(`"traceId":"${shipped.traceId}"`));

    // Exported within OTEL_BSP_SCHEDULE_DELAY of their end, while the processes run on.
    const spans = await waitFor(async () => {
      const found = readSpans(spansFile).filter((span) => span.traceId === shipped.traceId);
      return found.some((span) => span.name === 'order.save') ? found : undefined;
    });
    const root = spans.find((span) => span.parentSpanId === null);
    expect(root).toEqual(expect.objectContaining({ name: 'process order-commands', kind: KIND.CONSUMER, service: 'fulfillment-gateway-worker' }));
    const send = spans.find((span) => span.name === 'send commands-joom');
    expect(send?.parentSpanId).toBe(root!.spanId);
    const step = spans.find((span) => span.name === 'process commands-joom');
    expect(step?.parentSpanId).toBe(send!.spanId);
    expect(spans.find((span) => span.name === 'order.save')?.parentSpanId).toBe(step!.spanId);
    expect(spans.some((span) => span.kind === KIND.CLIENT && span.parentSpanId === step!.spanId && JSON.stringify(span.attributes).includes('/api/v3/orders/fulfill'))).toBe(true);
  });

  it('links the fulfil request, the intake, the step job, the call to Flexport and the save; the trace id is in history and the step log line', async () => {
    const config = testConfig(env);
    const [order] = await ingestMatching({ config, ingestor: new OrderIngestor(store.repository) } as GatewayStack, 'joom', 1, offlineReady);
    const requestId = 'trace-fulfil-0001';
    const accepted = await fetch(`${apiUrl}/v1/orders/${order.id}/fulfill`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', 'X-Request-Id': requestId },
      body: JSON.stringify({ mode: 'flexport' }),
    });
    expect(accepted.status).toBe(202);
    const { jobId } = (await accepted.json()) as { jobId: string };
    expect(await jobState(apiUrl, jobId)).toBe('completed');

    const fulfilling = (await store.repository.history(order.id)).find((entry) => entry.to === 'fulfilling');
    expect(fulfilling).toEqual(expect.objectContaining({ jobId, correlationId: requestId, traceId: expect.stringMatching(/^[0-9a-f]{32}$/) }));
    const traceId = fulfilling!.traceId!;
    await waitForOutput(worker, new RegExp(`"traceId":"${traceId}"`));
    const line = JSON.parse(
      worker
        .output()
        .split('\n')
        .find((text) => text.includes(`"traceId":"${traceId}"`))!,
    );
    expect(line).toEqual(expect.objectContaining({ msg: 'step completed', step: 'flexport-create', correlationId: requestId, jobId }));
    // The api's line for the request too: any line logged inside a span names its trace.
    await waitForOutput(api, new RegExp(`"reqId":"${requestId}".*"traceId":"${traceId}"|"traceId":"${traceId}".*"reqId":"${requestId}"`));

    // Stopping flushes what each process still batches.
    expect(await api.stop()).toBe(0);
    expect(await worker.stop()).toBe(0);
    const spans = readSpans(spansFile).filter((span) => span.traceId === traceId);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const parentOf = (span: SpanLine) => (span.parentSpanId ? byId.get(span.parentSpanId) : undefined);
    const descends = (span: SpanLine, ancestor: SpanLine) => {
      for (let at = parentOf(span); at; at = parentOf(at)) if (at === ancestor) return true;
      return false;
    };
    const one = (label: string, predicate: (span: SpanLine) => boolean) => {
      const found = spans.filter(predicate);
      if (found.length !== 1)
        throw new Error(`${found.length} ${label} spans in the trace:\n${spans.map((span) => `${span.service} ${span.scope} ${span.name} ${span.spanId} ← ${span.parentSpanId}`).join('\n')}`);
      return found[0];
    };

    // Every span of the trace hangs from one root: the api's server span of the REST request.
    const request = one('server', (span) => span.kind === KIND.SERVER);
    expect(request).toEqual(expect.objectContaining({ service: 'fulfillment-gateway-api', scope: '@opentelemetry/instrumentation-http', parentSpanId: null }));
    expect(JSON.stringify(request.attributes)).toContain(`/v1/orders/${order.id}/fulfill`);
    for (const span of spans) if (span !== request) expect({ span: span.name, linked: descends(span, request) }).toEqual({ span: span.name, linked: true });
    expect(spans.some((span) => span.scope === '@fastify/otel' && descends(span, request))).toBe(true);

    const intake = one('intake', (span) => span.name === 'command.intake');
    expect(intake).toEqual(expect.objectContaining({ service: 'fulfillment-gateway-api', attributes: { 'gateway.command': 'fulfill', 'gateway.order_id': order.id } }));
    const send = one('send', (span) => span.name === 'send commands-flexport');
    expect(send).toEqual(expect.objectContaining({ kind: KIND.PRODUCER, service: 'fulfillment-gateway-api' }));
    expect(send.attributes).toEqual(expect.objectContaining({ 'messaging.message.id': jobId, 'gateway.step': 'flexport-create' }));
    expect(descends(send, intake)).toBe(true);
    // The intake's reads and the add went to Redis inside it.
    expect(spans.some((span) => span.scope === '@opentelemetry/instrumentation-ioredis' && descends(span, intake))).toBe(true);

    // The worker's span continues the trace from the job data alone: it is the producer span's child.
    const step = one('step', (span) => span.name === 'process commands-flexport');
    expect(step).toEqual(expect.objectContaining({ kind: KIND.CONSUMER, service: 'fulfillment-gateway-worker', parentSpanId: send.spanId }));
    expect(step.attributes).toEqual(expect.objectContaining({ 'messaging.message.id': jobId, 'gateway.step': 'flexport-create', 'gateway.order_id': order.id }));
    const create = one(
      'Flexport create',
      (span) =>
        span.kind === KIND.CLIENT &&
        span.service === 'fulfillment-gateway-worker' &&
        JSON.stringify(span.attributes).includes('/logistics/api/2024-04/orders') &&
        JSON.stringify(span.attributes).includes('POST'),
    );
    expect(descends(create, step)).toBe(true);
    const save = one('save', (span) => span.name === 'order.save');
    expect(save).toEqual(expect.objectContaining({ service: 'fulfillment-gateway-worker', parentSpanId: step.spanId }));
    expect(save.startMs).toBeGreaterThanOrEqual(create.startMs + create.durationMs);
    const saveCalls = spans.filter((span) => span.scope === '@opentelemetry/instrumentation-ioredis' && span.parentSpanId === save.spanId);
    expect(saveCalls.length).toBeGreaterThan(0);
    // Redis spans name the command only, never its arguments (order documents).
    for (const call of saveCalls) expect(JSON.stringify(call.attributes)).not.toContain(order.id);
    // Health probes are not traced.
    expect(readSpans(spansFile).some((span) => JSON.stringify(span.attributes).includes('/health/live'))).toBe(false);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function readSpans(file: string): SpanLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SpanLine);
}

async function jobState(apiUrl: string, jobId: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const view = (await (await fetch(`${apiUrl}/v1/jobs/${jobId}`, { headers: auth })).json()) as { state: string };
    if (view.state === 'completed' || view.state === 'failed' || Date.now() > deadline) return view.state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
