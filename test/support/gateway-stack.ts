import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ChannelOrder, SalesChannelAdapter } from '@app/adapters';
import { createAkinonAdapter } from '@app/akinon';
import { GatewayConfig } from '@app/config';
import { createJoomAdapter } from '@app/joom';
import { CanonicalOrder, Channel } from '@app/orders';
import { OrderIngestor } from '@app/store';
import { auth, startApi, testConfig, TEST_ADMIN_API_KEY, TEST_API_KEY, TEST_COMMAND_RATE_LIMIT } from './api-fixture';
import { RunningProcess, startProcess, waitForOutput } from './processes';
import { SANDBOX_TOKENS, SandboxHandle } from './sandbox-process';
import { openStore, redisUrl, StoreFixture } from './store-fixtures';

export const WEBHOOK_TOKEN = 'test-webhook-token-0123456789';

/** The environment that points api and worker at a sandbox (same variables `npm start` sets). */
export function gatewayEnv(sandbox: SandboxHandle, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: redisUrl(),
    API_KEYS: TEST_API_KEY,
    ADMIN_API_KEYS: TEST_ADMIN_API_KEY,
    COMMAND_RATE_LIMIT_PER_MINUTE: TEST_COMMAND_RATE_LIMIT,
    JOOM_API_VERSION: 'v3',
    JOOM_BASE_URL: sandbox.url,
    JOOM_ACCESS_TOKEN: SANDBOX_TOKENS.joom,
    AKINON_BASE_URL: sandbox.url,
    AKINON_API_TOKEN: SANDBOX_TOKENS.akinon,
    FLEXPORT_BASE_URL: `${sandbox.url}/logistics/api/2024-04`,
    FLEXPORT_API_TOKEN: SANDBOX_TOKENS.flexport,
    FLEXPORT_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
    SYNC_INTERVAL_MS: '60000',
    LOG_LEVEL: process.env.TEST_WORKER_LOG_LEVEL ?? 'warn',
    ...overrides,
  };
}

/** The api (in this process, real HTTP) and the worker (its own process) against one sandbox. */
export interface GatewayStack {
  config: GatewayConfig;
  /** The environment api and worker were started with. */
  env: Record<string, string>;
  api: INestApplication;
  apiUrl: string;
  http: ReturnType<typeof request>;
  worker: RunningProcess;
  store: StoreFixture;
  ingestor: OrderIngestor;
  stop(): Promise<void>;
}

/**
 * Writes the sandbox's Akinon locations table (the uuids its addresses use)
 * to a temporary file, as `npm start` does for AKINON_LOCATIONS_FILE
 * (docs/api-decisions.md AK-6).
 */
export async function writeAkinonLocations(sandbox: SandboxHandle): Promise<string> {
  const { result } = await sandbox.control<{ result: unknown }>('POST', '/akinon/actions/locations', {});
  const path = join(mkdtempSync(join(tmpdir(), 'gw-akinon-locations-')), 'akinon-locations.json');
  writeFileSync(path, JSON.stringify(result));
  return path;
}

/** Api and worker against the sandbox; Akinon addresses resolve unless `overrides` sets AKINON_LOCATIONS_FILE ('' = none). */
export async function startGateway(sandbox: SandboxHandle, overrides: Record<string, string> = {}): Promise<GatewayStack> {
  const locations: Record<string, string> = 'AKINON_LOCATIONS_FILE' in overrides ? {} : { AKINON_LOCATIONS_FILE: await writeAkinonLocations(sandbox) };
  const env = gatewayEnv(sandbox, { ...locations, ...overrides });
  const config = testConfig(env);
  const api = await startApi(config);
  const address = api.getHttpServer().address() as { port: number };
  const worker = startProcess('worker', env);
  await waitForOutput(worker, /worker started/);
  const store = await openStore(env.REDIS_URL);
  const stack: GatewayStack = {
    config,
    env,
    api,
    apiUrl: `http://127.0.0.1:${address.port}`,
    http: request(api.getHttpServer()),
    worker,
    store,
    ingestor: new OrderIngestor(store.repository),
    async stop() {
      // `stack.worker`, not the first one: a test may have replaced it (restart after a kill).
      await stack.worker.stop();
      await api.close();
      await store.close();
    },
  };
  return stack;
}

export function channelAdapter(config: GatewayConfig, channel: Exclude<Channel, 'flexport'>): SalesChannelAdapter {
  return channel === 'joom' ? createJoomAdapter(config.channels.joom!) : createAkinonAdapter(config.channels.akinon!);
}

/** Approved Joom orders that may be shipped offline (tracking or Flexport). */
export const offlineReady = (order: ChannelOrder) => order.snapshot.status === 'ready' && order.snapshot.fields.shippingConstraints?.requirement !== 'online_only';

/** Reads sandbox orders through the adapter and stores them, as the sync will. */
export async function ingestMatching(stack: GatewayStack, channel: Exclude<Channel, 'flexport'>, wanted: number, predicate: (order: ChannelOrder) => boolean): Promise<CanonicalOrder[]> {
  const adapter = channelAdapter(stack.config, channel);
  const picked: CanonicalOrder[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50 && picked.length < wanted; page++) {
    const result = await adapter.listChangedOrders(cursor, { limit: 100 });
    for (const order of result.orders.filter(predicate)) {
      if (picked.length >= wanted) break;
      const { order: stored } = await stack.ingestor.ingest({ channel, account: adapter.account, ...order }, 'ingest', 'test');
      picked.push(stored);
    }
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  if (picked.length < wanted) throw new Error(`only ${picked.length} ${channel} orders matched`);
  return picked;
}

export interface JobView {
  jobId: string;
  state: string;
  attempts: number;
  result: Record<string, unknown> | null;
  error: string | null;
  steps: { name: string; state: string; error: string | null }[];
}

/** Polls GET /v1/jobs/{id} until the command is running. */
export async function waitForActive(stack: GatewayStack, jobId: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await stack.http.get(`/v1/jobs/${jobId}`).set(auth);
    if (body.state === 'active') return;
    if (Date.now() > deadline) throw new Error(`command never became active: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls GET /v1/jobs/{id} until the command is completed or failed. */
export async function waitForJob(stack: GatewayStack, jobId: string, timeoutMs = 20_000): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  let view: JobView | undefined;
  while (Date.now() < deadline) {
    view = (await stack.http.get(`/v1/jobs/${jobId}`).set(auth)).body as JobView;
    if (view.state === 'completed' || view.state === 'failed') return view;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} did not finish: ${JSON.stringify(view)}\n${stack.worker.output().slice(-3000)}`);
}

/** Polls the stored order until `predicate` holds. */
export async function waitForOrder(stack: GatewayStack, id: string, predicate: (order: CanonicalOrder) => boolean, timeoutMs = 20_000): Promise<CanonicalOrder> {
  const deadline = Date.now() + timeoutMs;
  let order: CanonicalOrder | null = null;
  while (Date.now() < deadline) {
    order = await stack.store.repository.get(id);
    if (order && predicate(order)) return order;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`order ${id} never matched; last: ${JSON.stringify(order)}\n${stack.worker.output().slice(-3000)}`);
}

export interface SideEffectRow {
  api: string;
  orderRef: string;
  kind: string;
  count: number;
}

export async function sideEffects(sandbox: SandboxHandle, api: string, orderRef: string): Promise<Record<string, number>> {
  const { sideEffects: rows } = await sandbox.control<{ sideEffects: SideEffectRow[] }>('GET', `/side-effects?api=${api}&orderRef=${encodeURIComponent(orderRef)}`);
  return Object.fromEntries(rows.map((row) => [row.kind, row.count]));
}

/** Every stored order of a channel (as the REST list shows it), page by page. */
export async function listedOrders(stack: GatewayStack, channel: Exclude<Channel, 'flexport'>): Promise<(CanonicalOrder & { allowedActions: string[] })[]> {
  const orders: (CanonicalOrder & { allowedActions: string[] })[] = [];
  let cursor: string | undefined;
  do {
    const { body } = await stack.http
      .get('/v1/orders')
      .query({ channel, limit: 500, ...(cursor ? { cursor } : {}) })
      .set(auth)
      .expect(200);
    orders.push(...body.items);
    cursor = body.nextCursor ?? undefined;
  } while (cursor);
  return orders;
}

/** Reads until `done` says yes; past the timeout, fails naming `what` and the last value read. */
export async function readUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`${what} never happened; last: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}
