import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { auth, startApi, testConfig } from '../support/api-fixture';
import { GatewayStack, startGateway } from '../support/gateway-stack';
import { startProcess, waitForOutput } from '../support/processes';
import { SANDBOX_TOKENS, SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

const URL_PASSWORD = 'url-password-0123456789';
const URL_QUERY_TOKEN = 'query-token-0123456789';
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** Readiness shows configured URLs without their credentials; /metrics behind METRICS_TOKEN opens only to that token. */
describe('health and metrics that leak nothing', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    await flushRedis();
    app = await startApi(
      testConfig({
        JOOM_ACCESS_TOKEN: 'joom-token-not-used-here-0123',
        JOOM_BASE_URL: `https://gw-user:${URL_PASSWORD}@joom.example:8443/base/?token=${URL_QUERY_TOKEN}#frag-${URL_QUERY_TOKEN}`,
        FLEXPORT_API_TOKEN: 'flexport-token-not-used-0123',
        FLEXPORT_BASE_URL: `http://gw-user:${URL_PASSWORD}@[::1]:4010/logistics?sig=${URL_QUERY_TOKEN}`,
        METRICS_TOKEN,
      }),
    );
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('/health/ready shows base URLs without userinfo, query or fragment', async () => {
    const ready = await http.get('/health/ready').expect(200);
    expect(ready.body.info.channels.joom).toEqual({ enabled: true, baseUrl: 'https://joom.example:8443/base' });
    expect(ready.body.info.channels.flexport).toEqual({ enabled: true, baseUrl: 'http://[::1]:4010/logistics' });
    const text = JSON.stringify(ready.body);
    for (const secret of [URL_PASSWORD, URL_QUERY_TOKEN, 'gw-user', 'frag-']) expect(text).not.toContain(secret);
  });

  it('/metrics with METRICS_TOKEN set: 401 in the error shape without it or with an API key, 200 with it', async () => {
    const missing = await http.get('/metrics').expect(401);
    expect(missing.body).toEqual({ statusCode: 401, code: 'unauthorized', message: expect.stringContaining('METRICS_TOKEN') });
    const apiKey = await http.get('/metrics').set(auth).expect(401);
    expect(apiKey.body).toEqual({ statusCode: 401, code: 'unauthorized', message: 'metrics token not recognised' });
    await http
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN.slice(0, -1)}x`)
      .expect(401);
    const scraped = await http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(scraped.text).toContain('gateway_http_requests_total');
    for (const body of [missing.text, apiKey.text]) expect(body).not.toContain(METRICS_TOKEN);
  });
});

/** A marketplace that answers 401 to every call (its token refused) shows in readiness, and the worker says so. */
describe('a channel whose token is refused', () => {
  const WRONG_TOKEN = 'wrong-joom-token-0123456789';
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '5' });
    stack = await startGateway(sandbox, { JOOM_ACCESS_TOKEN: WRONG_TOKEN });
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('is down in /health/ready with a reason and no secret; the worker logs a warning', async () => {
    // The worker's first sync (at boot, or this one) meets the 401.
    await stack.http.post('/v1/channels/joom/sync').set(auth).expect(202);
    const deadline = Date.now() + 30_000;
    let ready = await stack.http.get('/health/ready');
    while (Date.now() < deadline && ready.body.info?.channels?.joom?.status !== 'down') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ready = await stack.http.get('/health/ready');
    }
    // Readiness stays up (reads and intake still work); the channel is down, with why and since when.
    expect(ready.status).toBe(200);
    expect(ready.body.info.channels.joom).toEqual({
      enabled: true,
      baseUrl: sandbox.url,
      status: 'down',
      reason: expect.stringMatching(/^joom answered 401 \(credentials refused: check JOOM_ACCESS_TOKEN\) since \d{4}-\d\d-\d\dT/),
    });
    // The other channels still answer: only the refused one is down.
    expect(ready.body.info.channels.akinon.status).toBeUndefined();
    expect(stack.worker.output()).toMatch(/joom answered 401: it refuses the configured credentials/);
    const metrics = await stack.http.get('/metrics').expect(200);
    expect(metrics.text).toContain('gateway_remote_credentials_refused{system="joom",account="main"} 1');
    expect(metrics.text).toContain('gateway_remote_credentials_refused{system="akinon",account="main"} 0');
    for (const text of [JSON.stringify(ready.body), stack.worker.output()]) {
      for (const secret of [WRONG_TOKEN, SANDBOX_TOKENS.joom]) expect(text).not.toContain(secret);
    }
  });

  it('is up again once a later call goes through (a worker with the right token)', async () => {
    await stack.worker.stop();
    stack.worker = startProcess('worker', { ...stack.env, JOOM_ACCESS_TOKEN: SANDBOX_TOKENS.joom });
    await waitForOutput(stack.worker, /worker started/);
    await stack.http.post('/v1/channels/joom/sync').set(auth).expect(202);
    const deadline = Date.now() + 30_000;
    let ready = await stack.http.get('/health/ready');
    while (Date.now() < deadline && ready.body.info?.channels?.joom?.status === 'down') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ready = await stack.http.get('/health/ready');
    }
    expect(ready.body.info.channels.joom).toEqual({ enabled: true, baseUrl: sandbox.url });
  });
});
