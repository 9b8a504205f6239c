import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { ComposeEnv, composeStrings, interpolate, InterpolationError, loadCompose, readEnvFile, readRepoFile, REPO_ROOT } from '../support/compose-file';
import { startProcess, waitForOutput } from '../support/processes';
import { freePort, removeDir, terminate } from '../support/redis-server';

// docker-compose.yml and the Dockerfile are never run here (no Docker engine in CI):
// their settings are read, interpolated like Compose does, and the commands they
// hold (Redis flags, healthchecks) run against a real redis-server and HTTP server.
const KEYS: ComposeEnv = { API_KEYS: 'compose-test-key-0123456789' };

describe('docker-compose.yml', () => {
  it('uses only valid interpolation: $$, $NAME, ${NAME}, ${NAME:-x}, ${NAME:?x}, ${NAME:+x} and their colon-less forms', () => {
    for (const value of composeStrings()) expect(() => interpolate(value, KEYS)).not.toThrow();
    // The checker itself refuses what Compose refuses.
    expect(() => interpolate('${API_KEYS:=x}', {})).toThrow(InterpolationError);
    expect(() => interpolate('a $ b', {})).toThrow(InterpolationError);
    expect(() => interpolate('${A', {})).toThrow(InterpolationError);
  });

  it('has no default API key: without API_KEYS the file does not resolve', () => {
    expect(() => loadCompose({})).toThrow(/API_KEYS/);
    expect(() => loadCompose({ API_KEYS: '' })).toThrow(/API_KEYS/);
    expect(loadCompose(KEYS).services.api.environment?.API_KEYS).toBe(KEYS.API_KEYS);
  });

  it('passes ADMIN_API_KEYS to the api only, empty unless set; IDEMPOTENCY_TTL_SECONDS to api and worker, 7 days unless set', () => {
    const plain = loadCompose(KEYS).services;
    expect(plain.api.environment?.ADMIN_API_KEYS).toBe('');
    expect(plain.worker.environment?.ADMIN_API_KEYS).toBeUndefined();
    const admin = loadCompose({ ...KEYS, ADMIN_API_KEYS: 'compose-admin-key-0123456789', IDEMPOTENCY_TTL_SECONDS: '86400' }).services;
    expect(admin.api.environment?.ADMIN_API_KEYS).toBe('compose-admin-key-0123456789');
    for (const name of ['api', 'worker']) {
      expect(plain[name].environment?.IDEMPOTENCY_TTL_SECONDS).toBe('604800');
      expect(admin[name].environment?.IDEMPOTENCY_TTL_SECONDS).toBe('86400');
    }
    expect(readEnvFile('compose.dev.env').ADMIN_API_KEYS).toBeUndefined();
  });

  it('publishes every port on 127.0.0.1 by default, and Redis not at all', () => {
    const { services } = loadCompose(KEYS);
    const published = Object.entries(services).flatMap(([, service]) => service.ports ?? []);
    expect(published).toEqual(expect.arrayContaining(['127.0.0.1:3000:3000', '127.0.0.1:4000:4000']));
    for (const port of published) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    expect(services.redis.ports).toBeUndefined();
  });

  it('starts the sandbox only in the dev profile, and points the api and worker at it only with compose.dev.env', () => {
    const base = loadCompose(KEYS).services;
    expect(base.sandbox.profiles).toEqual(['dev']);
    for (const [name, service] of Object.entries(base)) if (name !== 'sandbox') expect(service.profiles).toBeUndefined();
    for (const name of ['api', 'worker']) {
      // Without the sandbox the edge is dropped, not an error (depends_on.required: false).
      expect(base[name].depends_on?.sandbox).toEqual({ condition: 'service_healthy', required: false });
      // No value of the production wiring mentions the sandbox.
      expect(JSON.stringify(base[name].environment)).not.toMatch(/sandbox/);
    }

    const devEnv = readEnvFile('compose.dev.env');
    expect(devEnv.COMPOSE_PROFILES).toBe('dev');
    expect(devEnv.API_KEYS).toBeUndefined();
    const dev = loadCompose({ ...devEnv, ...KEYS }).services;
    for (const name of ['api', 'worker']) {
      expect(dev[name].environment).toMatchObject({
        JOOM_BASE_URL: 'http://sandbox:4000',
        AKINON_BASE_URL: 'http://sandbox:4000',
        FLEXPORT_BASE_URL: 'http://sandbox:4000/logistics/api/2024-04',
        AKINON_LOCATIONS_FILE: '/app/sandbox-akinon-locations.json',
      });
      // The tokens the gateway sends are the ones the sandbox checks.
      for (const token of ['JOOM_ACCESS_TOKEN', 'AKINON_API_TOKEN', 'FLEXPORT_API_TOKEN']) {
        expect(dev[name].environment?.[token]).toBe(dev.sandbox.environment?.[token]);
      }
    }
  });

  it('gives every service a healthcheck and restart: unless-stopped', () => {
    const { services } = loadCompose(KEYS);
    expect(Object.keys(services).sort()).toEqual(['api', 'redis', 'sandbox', 'worker']);
    for (const service of Object.values(services)) {
      expect(service.restart).toBe('unless-stopped');
      expect(service.healthcheck?.test?.length).toBeGreaterThan(1);
    }
    expect(services.api.healthcheck?.test.join(' ')).toContain('/health/live');
  });

  it('runs Redis with maxmemory (REDIS_MAXMEMORY, 512mb by default), noeviction and an optional password in REDIS_URL', () => {
    const redis = (env: ComposeEnv) => loadCompose({ ...KEYS, ...env }).services.redis.command!;
    expect(flag(redis({}), '--maxmemory')).toBe('512mb');
    expect(flag(redis({ REDIS_MAXMEMORY: '2gb' }), '--maxmemory')).toBe('2gb');
    expect(flag(redis({}), '--maxmemory-policy')).toBe('noeviction');
    expect(flag(redis({}), '--requirepass')).toBe('');
    expect(flag(redis({ REDIS_PASSWORD: 'pw' }), '--requirepass')).toBe('pw');
    expect(loadCompose(KEYS).services.worker.environment?.REDIS_URL).toBe('redis://:@redis:6379');
    for (const name of ['api', 'worker']) {
      expect(loadCompose({ ...KEYS, REDIS_PASSWORD: 'pw' }).services[name].environment?.REDIS_URL).toBe('redis://:pw@redis:6379');
    }
  });
});

describe('docker-compose.yml Redis and healthchecks, run for real', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  let port = 0;

  afterEach(async () => {
    if (child) await terminate(child);
    if (dir) removeDir(dir);
    child = dir = undefined;
  });

  /** redis-server with the compose file's own flags, on a loopback port. */
  async function startComposeRedis(env: ComposeEnv): Promise<void> {
    const [binary, ...args] = loadCompose({ ...KEYS, ...env }).services.redis.command!;
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'gw-compose-redis-'));
    child = spawn(binary, [...args, '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''], { stdio: 'ignore' });
    child.unref();
    const deadline = Date.now() + 10_000;
    while (!(await listening(port))) {
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A service's healthcheck: exit code 0 = healthy. `redis:6379` and the default redis-cli port point at the test's Redis. */
  async function healthcheck(service: string, env: ComposeEnv, containerEnv: Record<string, string>): Promise<number> {
    const [kind, ...rest] = loadCompose({ ...KEYS, ...env }).services[service].healthcheck!.test;
    const [file, ...args] = kind === 'CMD-SHELL' ? ['sh', '-c', rest[0].replace(/redis-cli /g, `redis-cli -p ${port} `)] : rest;
    return exitCode(file, args, containerEnv);
  }

  it('bounds memory with noeviction and answers the Redis healthcheck only with the right password', async () => {
    await startComposeRedis({ REDIS_PASSWORD: 'compose-pw', REDIS_MAXMEMORY: '64mb' });
    const client = new Redis(`redis://:compose-pw@127.0.0.1:${port}`, { lazyConnect: true });
    await client.connect();
    try {
      expect(await client.config('GET', 'maxmemory')).toEqual(['maxmemory', String(64 * 1024 * 1024)]);
      expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    } finally {
      client.disconnect();
    }
    expect(await healthcheck('redis', {}, { REDIS_PASSWORD: 'compose-pw' })).toBe(0);
    // redis-cli exits 0 on a NOAUTH reply: only the grep for PONG makes these fail.
    expect(await healthcheck('redis', {}, { REDIS_PASSWORD: 'wrong-password' })).not.toBe(0);
    expect(await healthcheck('redis', {}, { REDIS_PASSWORD: '' })).not.toBe(0);
  });

  it('runs without a password when REDIS_PASSWORD is unset', async () => {
    await startComposeRedis({});
    expect(await healthcheck('redis', {}, { REDIS_PASSWORD: '' })).toBe(0);
  });

  it("checks the worker's own readiness on WORKER_HTTP_PORT, reaching Redis with the compose REDIS_URL and password", async () => {
    await startComposeRedis({ REDIS_PASSWORD: 'compose-pw' });
    const compose = loadCompose({ ...KEYS, REDIS_PASSWORD: 'compose-pw' }).services.worker.environment!;
    expect(compose.WORKER_HTTP_PORT).toBe('3001');
    const workerPort = String(await freePort());
    const worker = startProcess('worker', { REDIS_URL: compose.REDIS_URL!.replace('redis:6379', `127.0.0.1:${port}`), WORKER_HTTP_PORT: workerPort });
    try {
      await waitForOutput(worker, /worker started/);
      expect(await healthcheck('worker', {}, { WORKER_HTTP_PORT: workerPort })).toBe(0);
    } finally {
      await worker.stop();
    }
    expect(await healthcheck('worker', {}, { WORKER_HTTP_PORT: workerPort })).not.toBe(0);
  });
});

describe('Dockerfile', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  async function serveLive(status: number): Promise<number> {
    server = createServer((request, response) => {
      response.statusCode = request.url === '/health/live' ? status : 404;
      response.end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  it('has a HEALTHCHECK on the api /health/live, with node (the slim base image has no curl)', async () => {
    const dockerfile = readRepoFile('Dockerfile');
    expect(dockerfile).toMatch(/^FROM node:\S+-slim AS gateway$/m);
    const line = /^HEALTHCHECK .*\\\n\s+CMD (\[.*\])$/m.exec(dockerfile);
    expect(line).not.toBeNull();
    const [file, ...args] = JSON.parse(line![1]) as string[];
    expect(file).toBe('node');
    expect(args.join(' ')).toContain('/health/live');

    expect(await exitCode(file, args, { PORT: String(await serveLive(200)) })).toBe(0);
    server!.close();
    expect(await exitCode(file, args, { PORT: String(await serveLive(503)) })).not.toBe(0);
    expect(await exitCode(file, args, { PORT: String(await freePort()) })).not.toBe(0);
  });

  it('leaves express out of the gateway image: only the sandbox target, which compose builds for the sandbox, installs it', () => {
    const dockerfile = readRepoFile('Dockerfile');
    const pkg = JSON.parse(readRepoFile('package.json'));
    expect(pkg.optionalDependencies).toHaveProperty('@nestjs/platform-express');
    expect(pkg.dependencies).not.toHaveProperty('@nestjs/platform-express');
    expect(dockerfile).toContain('npm prune --omit=dev --omit=optional');
    // The gateway is the last stage (the default target) and copies the pruned node_modules.
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages.at(-1)).toMatch(/^node:\S+ AS gateway\n[\s\S]*COPY --from=build \/app\/node_modules node_modules/);
    expect(stages.find((stage) => / AS sandbox\n/.test(stage))).toContain('COPY --from=build /sandbox-node_modules node_modules');
    const { services } = loadCompose(KEYS);
    expect(services.sandbox.build).toEqual({ context: '.', target: 'sandbox' });
    expect(services.api.build).toBe('.');
    expect(services.worker.build).toBe('.');
  });
});

function flag(command: string[], name: string): string | undefined {
  const at = command.indexOf(name);
  return at < 0 ? undefined : command[at + 1];
}

/** Runs a command from the repository root (node resolves `ioredis` there, as in /app). */
function exitCode(file: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: REPO_ROOT, env: { PATH: process.env.PATH, ...env }, timeout: 15_000 }, (error) => resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0));
  });
}

/** A TCP connect is enough: a protected Redis answers nothing before AUTH. */
function listening(redisPort: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port: redisPort, host: '127.0.0.1' });
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
