import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, startGateway, waitForJob } from '../support/gateway-stack';
import { waitForOutput } from '../support/processes';
import { openQueue } from '../support/queue-fixtures';
import { freePort } from '../support/redis-server';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** The worker's own HTTP port: liveness, readiness and its metrics, next to the api's /metrics. */
describe('the worker reports itself on WORKER_HTTP_PORT', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  let workerUrl: string;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '40' });
    const port = await freePort();
    workerUrl = `http://127.0.0.1:${port}`;
    stack = await startGateway(sandbox, { WORKER_HTTP_PORT: String(port), METRICS_TOKEN, LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('is live, and ready with Redis up and every queue running', async () => {
    const live = await fetch(`${workerUrl}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${workerUrl}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; checks: { redis: unknown; queues: Record<string, string>; channels: Record<string, unknown> } };
    expect(body.status).toBe('ok');
    expect(body.checks.redis).toEqual({ status: 'up' });
    for (const queue of ['order-commands', 'commands-joom', 'commands-akinon', 'commands-flexport']) expect(body.checks.queues[queue]).toBe('running');
    expect(body.checks.channels).toEqual({ joom: { status: 'up' }, akinon: { status: 'up' }, flexport: { status: 'up' } });
  });

  it('serves histograms of its steps behind METRICS_TOKEN, while the api serves the shared counters', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, offlineReady);
    const accepted = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815' }).expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');

    const refused = await fetch(`${workerUrl}/metrics`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ statusCode: 401, code: 'unauthorized', message: expect.stringContaining('METRICS_TOKEN') });
    const scraped = await fetch(`${workerUrl}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    const text = await scraped.text();
    expect(text).toMatch(/gateway_step_duration_seconds_count\{queue="commands-joom",system="joom",account="main",outcome="completed"\} [1-9]/);
    expect(text).toMatch(/gateway_queue_wait_seconds_count\{queue="commands-joom",system="joom",account="main"\} [1-9]/);
    expect(text).toContain('process_resident_memory_bytes');

    // The shared counters reach Redis at the worker's next flush (once a second).
    const processed = /gateway_queue_processed_total\{queue="commands-joom",system="joom"\} [1-9]/;
    let api = await stack.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    for (const deadline = Date.now() + 5_000; !processed.test(api.text) && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      api = await stack.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    }
    expect(api.text).toMatch(processed);
    expect(api.text).toContain('gateway_remote_credentials_refused{system="joom",account="main"} 0');
    // Every sync scheduler runs once at boot: each channel's feed was read to its end moments ago.
    for (const channel of ['joom', 'akinon']) {
      const caughtUp = new RegExp(`gateway_sync_caught_up_timestamp_seconds\\{channel="${channel}",account="main"\\} ([\\d.e+]+)`).exec(api.text);
      expect(caughtUp).not.toBeNull();
      expect(Date.now() / 1000 - Number(caughtUp![1])).toBeLessThan(120);
    }
    expect(api.text).not.toContain('gateway_step_duration_seconds');
  });

  it('shows on the api how long the oldest job of a held queue has waited, and how many orders need a person', async () => {
    const producer = openQueue('order-commands');
    try {
      await producer.queue.pause();
      await producer.queue.add('cancel', { orderId: 'ord_000000000000000000000000', reason: 'other' });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const { text } = await stack.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      const waited = /gateway_queue_oldest_waiting_seconds\{queue="order-commands"\} ([\d.]+)/.exec(text);
      expect(Number(waited?.[1])).toBeGreaterThanOrEqual(1.4);
      expect(text).toContain('gateway_queue_oldest_waiting_seconds{queue="commands-flexport"} 0');
      expect(text).toMatch(/gateway_orders_attention \d+/);
    } finally {
      await producer.queue.resume();
      await producer.close();
    }
  });

  it("follows a command by its request id: the history entry and the worker's step line carry it", async () => {
    const [, order] = await ingestMatching(stack, 'joom', 2, offlineReady);
    const requestId = 'corr-fulfil-0001';
    const accepted = await stack.http
      .post(`/v1/orders/${order.id}/fulfill`)
      .set(auth)
      .set('X-Request-Id', requestId)
      .send({ mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062816' })
      .expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    const shipped = (await stack.store.repository.history(order.id)).filter((entry) => entry.kind === 'transition' && entry.to === 'shipped');
    expect(shipped).toEqual([expect.objectContaining({ correlationId: requestId, jobId: accepted.body.jobId })]);
    const { body } = await stack.http.get(`/v1/orders/${order.id}/history`).set(auth).expect(200);
    expect(body.items).toEqual(expect.arrayContaining([expect.objectContaining({ to: 'shipped', correlationId: requestId })]));
    await waitForOutput(stack.worker, new RegExp(`"correlationId":"${requestId}"`));
    const line = JSON.parse(
      stack.worker
        .output()
        .split('\n')
        .find((text) => text.includes(`"correlationId":"${requestId}"`))!,
    );
    expect(line).toEqual(
      expect.objectContaining({
        level: 30,
        msg: 'step completed',
        step: 'fulfill-tracking',
        command: 'fulfill',
        orderId: order.id,
        system: 'joom',
        outcome: 'completed',
        durationMs: expect.any(Number),
      }),
    );
  });

  it('answers other routes and methods in the error shape', async () => {
    const missing = await fetch(`${workerUrl}/v1/orders`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual(expect.objectContaining({ statusCode: 404, code: 'route_not_found' }));
    const posted = await fetch(`${workerUrl}/health/live`, { method: 'POST' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
  });
});
