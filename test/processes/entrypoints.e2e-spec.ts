import { freePort } from '../support/redis-server';
import { RunningProcess, startProcess, waitForHttp, waitForOutput } from '../support/processes';
import { redisUrl } from '../support/store-fixtures';

const SECRET = 'do-not-print-this-secret-0001';

describe('built entrypoints (node dist/apps/*/main.js)', () => {
  const running: RunningProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((process) => process.stop()));
  });

  it('start the api, worker and sandbox from environment variables alone', async () => {
    const [apiPort, sandboxPort] = [await freePort(), await freePort()];
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const env = {
      REDIS_URL: redisUrl(),
      API_KEYS: SECRET,
      JOOM_ACCESS_TOKEN: SECRET,
      JOOM_BASE_URL: sandboxUrl,
      LOG_LEVEL: 'info',
    };
    running.push(startProcess('sandbox', { ...env, PORT: String(sandboxPort), SANDBOX_SEED_COUNT: '10' }));
    running.push(startProcess('api', { ...env, PORT: String(apiPort) }));
    const worker = startProcess('worker', env);
    running.push(worker);

    await waitForHttp(`${sandboxUrl}/__sandbox/health`);
    const ready = (await (await waitForHttp(`http://127.0.0.1:${apiPort}/health/ready`)).json()) as { info: Record<string, any> };
    expect(ready.info.channels.joom).toEqual({ enabled: true, baseUrl: sandboxUrl });
    expect(ready.info.channels.akinon.enabled).toBe(false);
    const unauthorized = await fetch(`http://127.0.0.1:${apiPort}/v1/orders`);
    expect(unauthorized.status).toBe(401);
    const authorized = await fetch(`http://127.0.0.1:${apiPort}/v1/orders`, { headers: { Authorization: `Bearer ${SECRET}` } });
    expect(authorized.status).toBe(200);

    await waitForOutput(worker, /worker started/);
    expect(worker.output()).toMatch(/akinon.*disabled: AKINON_API_TOKEN/);
    for (const process of running) expect(process.output()).not.toContain(SECRET);
    // Boot lines are pino lines like every other: numeric level, time, service.
    await waitForOutput(running[1], /api listening/);
    await waitForOutput(running[0], /sandbox listening/);
    expect(bootLine(running[1], 'api listening')).toEqual(expect.objectContaining({ level: 30, service: 'api', url: `http://127.0.0.1:${apiPort}` }));
    expect(bootLine(worker, 'worker started')).toEqual(expect.objectContaining({ level: 30, service: 'worker' }));
    expect(bootLine(running[0], 'sandbox listening')).toEqual(expect.objectContaining({ level: 30, service: 'sandbox' }));
  });

  it.each([
    ['api', { API_KEYS: SECRET, PORT: 'eighty' }, 'PORT'],
    ['api', { JOOM_ACCESS_TOKEN: SECRET }, 'API_KEYS'],
    ['worker', { REDIS_URL: `http://${SECRET}@nowhere` }, 'REDIS_URL'],
    ['worker', { AKINON_API_TOKEN: SECRET }, 'AKINON_BASE_URL'],
    ['api', { API_KEYS: SECRET, HOST: 'http://0.0.0.0' }, 'HOST'],
    ['worker', { OTEL_TRACES_EXPORTER: 'jaeger', JOOM_ACCESS_TOKEN: SECRET }, 'OTEL_TRACES_EXPORTER'],
    ['api', { API_KEYS: SECRET, OTEL_TRACES_EXPORTER: 'file' }, 'TRACES_FILE_PATH'],
  ] as const)('%s refuses a bad environment %j, naming %s and never the secret', async (app, env, variable) => {
    const process = startProcess(app, env);
    expect(await process.exited).toBe(1);
    expect(process.output()).toContain(variable);
    expect(process.output()).not.toContain(SECRET);
    expect(JSON.parse(process.output().trim().split('\n').pop()!)).toEqual(expect.objectContaining({ level: 60, service: app, time: expect.any(Number) }));
  });
});

describe('the listen address (HOST)', () => {
  const running: RunningProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((process) => process.stop()));
  });

  /** True when something answers HTTP there: 127.0.0.2 is this machine too, but not the address a 127.0.0.1 socket listens on. */
  const answers = (url: string) =>
    fetch(url, { signal: AbortSignal.timeout(3_000) }).then(
      () => true,
      () => false,
    );

  it('is 127.0.0.1 unless HOST says otherwise, for the api and for the worker’s port; HOST=0.0.0.0 (the image) is every address', async () => {
    const [loopback, everywhere, workerPort] = [await freePort(), await freePort(), await freePort()];
    const env = { REDIS_URL: redisUrl(), API_KEYS: SECRET, LOG_LEVEL: 'info' };
    running.push(startProcess('api', { ...env, PORT: String(loopback) }));
    running.push(startProcess('api', { ...env, PORT: String(everywhere), HOST: '0.0.0.0' }));
    running.push(startProcess('worker', { ...env, WORKER_HTTP_PORT: String(workerPort), HOST: '0.0.0.0' }));
    for (const port of [loopback, everywhere]) await waitForHttp(`http://127.0.0.1:${port}/health/live`);
    await waitForHttp(`http://127.0.0.1:${workerPort}/health/live`);

    expect(await answers(`http://127.0.0.2:${loopback}/health/live`)).toBe(false);
    expect(await answers(`http://127.0.0.2:${everywhere}/health/live`)).toBe(true);
    expect(await answers(`http://127.0.0.2:${workerPort}/health/live`)).toBe(true);
    expect(bootLine(running[0], 'api listening')).toEqual(expect.objectContaining({ host: '127.0.0.1' }));
    expect(bootLine(running[1], 'api listening')).toEqual(expect.objectContaining({ host: '0.0.0.0' }));
  });
});

/** The process's pino line with this message, parsed; fails the test when there is none. */
function bootLine(process: RunningProcess, msg: string): Record<string, unknown> {
  const line = process
    .output()
    .split('\n')
    .find((text) => text.includes(`"msg":"${msg}"`));
  if (!line) throw new Error(`no "${msg}" line in:\n${process.output()}`);
  const parsed = JSON.parse(line) as Record<string, unknown>;
  expect(parsed.time).toEqual(expect.any(Number));
  return parsed;
}
