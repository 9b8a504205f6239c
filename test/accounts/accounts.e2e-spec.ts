import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CanonicalOrder } from '@app/orders';
import { auth, TEST_API_KEY } from '../support/api-fixture';
import { GatewayStack, listedOrders, readUntil, sideEffects, startGateway, waitForJob, waitForOrder, writeAkinonLocations } from '../support/gateway-stack';
import { SANDBOX_TOKENS, SandboxHandle, startSandboxStores } from '../support/sandbox-process';
import { freePort } from '../support/redis-server';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(120_000);

const SEEDED = 200;

type Listed = CanonicalOrder & { allowedActions: string[] };

interface Call {
  path: string;
  status: number | null;
  time: string;
}

const fulfilBody = (n: number) => ({ mode: 'tracking', carrier: 'DHL', trackingNumber: `JD01460000${String(n).padStart(5, '0')}` });

/**
 * Several accounts per channel (docs/api-decisions.md AC-1, AC-3): one
 * sandbox process serves two stores (AC-6) — the second is the second Joom
 * store and the second Akinon seller, with quotas, faults and a control plane
 * of its own — seeded alike so both stores hold orders with the same external ids.
 */
describe('Accounts: two Joom stores and two Akinon accounts', () => {
  let main: SandboxHandle;
  let second: SandboxHandle;
  let stack: GatewayStack | undefined;
  let workerPort: number;

  beforeAll(async () => {
    await flushRedis();
    [main, second] = await startSandboxStores(2, { SANDBOX_SEED_COUNT: String(SEEDED), SANDBOX_STORE_SEEDS: 'same' });
    const accounts = {
      joom: [
        { account: 'eu', apiVersion: 'v3', baseUrl: second.url, accessToken: SANDBOX_TOKENS.joom },
        // A store whose token the sandbox refuses: its 401s are its own, not the channel's.
        { account: 'locked', apiVersion: 'v3', baseUrl: second.url, accessToken: 'not-the-sandbox-token' },
      ],
      akinon: [{ account: 'tr2', baseUrl: second.url, apiToken: SANDBOX_TOKENS.akinon, locationsFile: await writeAkinonLocations(second) }],
    };
    const file = join(mkdtempSync(join(tmpdir(), 'gw-accounts-')), 'accounts.json');
    writeFileSync(file, JSON.stringify(accounts));
    // A 429 holds a queue for at most 20 s here: long beside the few seconds the other store's commands need.
    workerPort = await freePort();
    stack = await startGateway(main, { ACCOUNTS_FILE: file, RATE_LIMIT_MAX_WAIT_MS: '20000', WORKER_HTTP_PORT: String(workerPort) });
  });
  afterAll(async () => {
    await stack?.stop();
    await main?.stop(); // one process: every store
  });

  it('syncs every account at boot: orders of both stores stored with their account, ids distinct for equal external ids', async () => {
    const gateway = stack!;
    const joom = await readUntil(
      () => listedOrders(gateway, 'joom'),
      (orders) => orders.length >= 2 * SEEDED,
      30_000,
      'both Joom stores synced',
    );
    const akinon = await readUntil(
      () => listedOrders(gateway, 'akinon'),
      (orders) => orders.length >= 2 * SEEDED,
      30_000,
      'both Akinon accounts synced',
    );
    for (const orders of [joom, akinon]) {
      expect(orders.filter((order) => order.account === 'main')).toHaveLength(SEEDED);
      const other = orders.filter((order) => order.account !== 'main');
      expect(other).toHaveLength(SEEDED);
      // The same seed: each store holds the same external ids, which are distinct orders here.
      const mainByExternal = new Map(orders.filter((order) => order.account === 'main').map((order) => [order.externalId, order.id]));
      for (const order of other) {
        expect(mainByExternal.has(order.externalId)).toBe(true);
        expect(mainByExternal.get(order.externalId)).not.toBe(order.id);
      }
      expect(new Set(orders.map((order) => order.id)).size).toBe(orders.length);
    }
    expect(new Set(joom.filter((order) => order.account !== 'main').map((order) => order.account))).toEqual(new Set(['eu']));
    expect(joom.filter((order) => order.account === 'locked')).toEqual([]);
    expect(new Set(akinon.filter((order) => order.account !== 'main').map((order) => order.account))).toEqual(new Set(['tr2']));
  });

  it('GET /v1/orders?account= lists one account’s orders, with the other filters; an unknown account is a 400 naming the field', async () => {
    const gateway = stack!;
    const list = async (query: Record<string, string>) =>
      (
        await gateway.http
          .get('/v1/orders')
          .query({ limit: '500', ...query })
          .set(auth)
          .expect(200)
      ).body.items as Listed[];
    const eu = await list({ channel: 'joom', account: 'eu' });
    expect(eu).toHaveLength(SEEDED);
    expect(new Set(eu.map((order) => `${order.channel}/${order.account}`))).toEqual(new Set(['joom/eu']));
    const akinonMain = await list({ channel: 'akinon', account: 'main' });
    expect(akinonMain).toHaveLength(SEEDED);
    expect(new Set(akinonMain.map((order) => `${order.channel}/${order.account}`))).toEqual(new Set(['akinon/main']));
    // Without a channel: that account id in every channel (tr2 is Akinon's only).
    const tr2 = await list({ account: 'tr2' });
    expect(tr2).toHaveLength(SEEDED);
    expect(new Set(tr2.map((order) => `${order.channel}/${order.account}`))).toEqual(new Set(['akinon/tr2']));
    const euReady = await list({ channel: 'joom', account: 'eu', status: 'ready' });
    expect(euReady.map((order) => order.id).sort()).toEqual(
      eu
        .filter((order) => order.status === 'ready')
        .map((order) => order.id)
        .sort(),
    );
    expect(euReady.length).toBeGreaterThan(0);
    // Paged: the same orders, a page at a time.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await gateway.http
        .get('/v1/orders')
        .query({ channel: 'joom', account: 'eu', limit: '37', ...(cursor ? { cursor } : {}) })
        .set(auth)
        .expect(200);
      paged.push(...body.items.map((order: Listed) => order.id));
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(eu.map((order) => order.id));

    for (const query of [{ account: 'nope' }, { channel: 'akinon', account: 'eu' }, { account: 'Not_An_Id' }]) {
      const refused = await gateway.http.get('/v1/orders').query(query).set(auth).expect(400);
      expect(refused.body).toMatchObject({ code: 'validation_failed', details: { fields: [expect.objectContaining({ field: 'account' })] } });
    }
  });

  it('shows each account in /health/ready and /metrics', async () => {
    const gateway = stack!;
    const refused = await readUntil(
      async () => (await gateway.http.get('/health/ready').expect(200)).body.info.channels.joom,
      (joom) => joom.accounts.locked.status === 'down',
      15_000,
      'the locked store’s 401 shown',
    );
    expect(refused.accounts).toEqual({
      main: { baseUrl: main.url, circuit: 'closed' },
      eu: { baseUrl: second.url, circuit: 'closed' },
      locked: { baseUrl: second.url, circuit: 'closed', status: 'down', reason: expect.stringMatching(/^joom account locked answered 401 \(credentials refused\) since /) },
    });
    // The channel's own entry is account main's, which its store accepts.
    expect(refused.status).toBeUndefined();
    const ready = await gateway.http.get('/health/ready').expect(200);
    expect(Object.keys(ready.body.info.channels.akinon.accounts)).toEqual(['main', 'tr2']);
    expect(Object.keys(ready.body.info.circuits)).toEqual(expect.arrayContaining(['joom', 'joom.eu', 'akinon', 'akinon.tr2', 'flexport']));
    const metrics = (await gateway.http.get('/metrics').expect(200)).text;
    for (const [channel, account] of [
      ['joom', 'main'],
      ['joom', 'eu'],
      ['akinon', 'main'],
      ['akinon', 'tr2'],
    ]) {
      expect(metrics).toMatch(new RegExp(`gateway_sync_caught_up_timestamp_seconds\\{channel="${channel}",account="${account}"\\} \\d`));
    }
    expect(metrics).toContain('gateway_circuit_open{system="joom",account="eu"} 0');
    // Each store's refusals and calls are its own: the locked store's 401s name it, and no other.
    expect(metrics).toContain('gateway_remote_credentials_refused{system="joom",account="locked"} 1');
    expect(metrics).toContain('gateway_remote_credentials_refused{system="joom",account="eu"} 0');
    expect(metrics).toContain('gateway_remote_credentials_refused{system="joom",account="main"} 0');
    const workerMetrics = await (await fetch(`http://127.0.0.1:${workerPort}/metrics`)).text();
    expect(workerMetrics).toMatch(/gateway_remote_responses_total\{system="joom",account="locked",class="4xx"\} [1-9]/);
    expect(workerMetrics).toMatch(/gateway_remote_responses_total\{system="joom",account="eu",class="2xx"\} [1-9]/);
    expect(workerMetrics).not.toMatch(/gateway_remote_responses_total\{system="joom",account="eu",class="4xx"\}/);
    // The worker flushes its counters every few seconds: the series exists from the start.
    expect(metrics).toMatch(/gateway_queue_processed_total\{queue="sync-joom\.eu",system="joom"\} \d/);
    // The worker runs every account's queues.
    const worker = (await (await fetch(`http://127.0.0.1:${workerPort}/health/ready`)).json()) as { checks: { queues: Record<string, string> } };
    expect(worker.checks.queues).toMatchObject({
      'commands-joom.eu': 'running',
      'sync-joom.eu': 'running',
      'commands-akinon.tr2': 'running',
      'sync-akinon.tr2': 'running',
      'commands-joom': 'running',
    });
    const board = await gateway.http
      .get('/queues/api/queues')
      .set({ Authorization: `Basic ${Buffer.from(`ops:${TEST_API_KEY}`).toString('base64')}` })
      .expect(200);
    expect(board.body.queues.map((queue: { name: string }) => queue.name)).toEqual(expect.arrayContaining(['commands-joom.eu', 'sync-akinon.tr2']));
    expect(metrics).toMatch(/gateway_queue_jobs\{queue="commands-joom\.eu",state="waiting"\} \d/);
    expect(metrics).toMatch(/gateway_queue_oldest_waiting_seconds\{queue="sync-akinon\.tr2"\} \d/);
  });

  it('a fulfil of each store goes to that store only', async () => {
    const gateway = stack!;
    const joom = await listedOrders(gateway, 'joom');
    const ready = (account: string) => joom.find((order) => order.account === account && order.status === 'ready' && order.allowedActions?.includes('fulfill:tracking'))!;
    const [mainOrder, euOrder] = [ready('main'), ready('eu')];
    const mainJob = await gateway.http.post(`/v1/orders/${mainOrder.id}/fulfill`).set(auth).send(fulfilBody(1)).expect(202);
    const euJob = await gateway.http.post(`/v1/orders/${euOrder.id}/fulfill`).set(auth).send(fulfilBody(2)).expect(202);
    expect((await waitForJob(gateway, mainJob.body.jobId)).state).toBe('completed');
    expect((await waitForJob(gateway, euJob.body.jobId)).state).toBe('completed');
    expect((await gateway.http.get(`/v1/jobs/${euJob.body.jobId}`).set(auth)).body.steps).toEqual([expect.objectContaining({ state: 'completed' })]);
    expect(await sideEffects(main, 'joom-v3', mainOrder.externalId)).toEqual({ fulfill: 1 });
    expect(await sideEffects(second, 'joom-v3', euOrder.externalId)).toEqual({ fulfill: 1 });
    // Each store got only its own order's fulfil, though the other store has an order of that external id too.
    if (mainOrder.externalId !== euOrder.externalId) {
      expect(await sideEffects(second, 'joom-v3', mainOrder.externalId)).toEqual({});
      expect(await sideEffects(main, 'joom-v3', euOrder.externalId)).toEqual({});
    }
  });

  it('a 429 storm on one store leaves the other store’s commands and sync at full speed', async () => {
    const gateway = stack!;
    const joom = await listedOrders(gateway, 'joom');
    const fulfillable = (account: string) => joom.filter((order) => order.account === account && order.status === 'ready' && order.allowedActions?.includes('fulfill:tracking'));
    const stormed = fulfillable('main')[0];
    const calm = fulfillable('eu').slice(1, 9);
    expect(calm).toHaveLength(8);

    // Every call to the main store answers 429 asking for an hour: its queue is held (capped at 20 s).
    await main.control('PUT', '/faults/joom-v3', { rateLimitRate: 1, retryAfterSeconds: 3600 });
    await Promise.all([main.control('DELETE', '/calls'), second.control('DELETE', '/calls')]);
    try {
      const held = await gateway.http.post(`/v1/orders/${stormed.id}/fulfill`).set(auth).send(fulfilBody(100)).expect(202);
      await readUntil(
        () => main.control<{ calls: Call[] }>('GET', '/calls?api=joom-v3'),
        ({ calls }) => calls.some((call) => call.status === 429),
        10_000,
        'a 429 from the main store',
      );
      const started = Date.now();
      const jobs = await Promise.all(
        calm.map(
          async (order, n) =>
            (
              await gateway.http
                .post(`/v1/orders/${order.id}/fulfill`)
                .set(auth)
                .send(fulfilBody(200 + n))
                .expect(202)
            ).body.jobId as string,
        ),
      );
      const syncRequestedAt = Date.now();
      const sync = await gateway.http.post('/v1/channels/joom/sync').query({ account: 'eu' }).set(auth).expect(202);
      expect(sync.body).toMatchObject({ channel: 'joom', account: 'eu' });
      const views = await Promise.all(jobs.map((jobId) => waitForJob(gateway, jobId, 10_000)));
      const elapsed = Date.now() - started;
      expect(views.map((view) => view.state)).toEqual(calm.map(() => 'completed'));
      // At the default 10 steps/s, 8 steps take well under a second; the held main queue (20 s) does not slow them.
      expect(elapsed).toBeLessThan(5_000);
      for (const order of calm) expect(await sideEffects(second, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });
      // The eu sync ran through too (its own queue), at once, while main's command is still held.
      const { calls } = await readUntil(
        () => second.control<{ calls: Call[] }>('GET', '/calls?api=joom-v3'),
        ({ calls }) => calls.some((call) => call.path === '/api/v3/orders/multi' && call.status === 200),
        10_000,
        'an eu sync',
      );
      const firstRead = calls.find((call) => call.path === '/api/v3/orders/multi' && call.status === 200)!;
      expect(Date.parse(firstRead.time) - syncRequestedAt).toBeLessThan(2_000);
      expect(calls.filter((call) => call.status === 429)).toEqual([]);
      expect((await gateway.http.get(`/v1/jobs/${held.body.jobId}`).set(auth)).body.state).not.toBe('completed');
    } finally {
      await main.control('DELETE', '/faults');
    }
  });
});

/** Routing across accounts: the rules match by channel, so every store's ready orders take the same path. */
const RULES = `
rules:
  - name: akinon-check
    match: { channel: akinon }
    action: hold
    reason: address_check
  - name: joom-to-flexport
    match: { channel: joom }
    action: fulfill:flexport
`;

describe('Accounts with routing rules', () => {
  let main: SandboxHandle;
  let second: SandboxHandle;
  let stack: GatewayStack | undefined;

  beforeAll(async () => {
    await flushRedis();
    [main, second] = await startSandboxStores(2, { SANDBOX_SEED_COUNT: '60', SANDBOX_STORE_SEEDS: 'same' });
    const dir = mkdtempSync(join(tmpdir(), 'gw-accounts-routing-'));
    writeFileSync(join(dir, 'routing.yaml'), RULES);
    writeFileSync(
      join(dir, 'accounts.yaml'),
      [
        'joom:',
        `  - { account: eu, baseUrl: "${second.url}", accessToken: ${SANDBOX_TOKENS.joom} }`,
        'akinon:',
        `  - { account: tr2, baseUrl: "${second.url}", apiToken: ${SANDBOX_TOKENS.akinon}, locationsFile: "${await writeAkinonLocations(second)}" }`,
      ].join('\n'),
    );
    stack = await startGateway(main, { ACCOUNTS_FILE: join(dir, 'accounts.yaml'), ROUTING_RULES_FILE: join(dir, 'routing.yaml') });
  });
  afterAll(async () => {
    await stack?.stop();
    await main?.stop(); // one process: every store
  });

  it('after one sync, the Joom orders of both stores are at Flexport as routing-rule:joom-to-flexport, the Akinon ones of both accounts held', async () => {
    const gateway = stack!;
    const settled = (orders: Listed[]) => orders.length > 0 && orders.every((order) => order.status !== 'ready' || order.routing !== undefined);
    const joom = await readUntil(
      () => listedOrders(gateway, 'joom'),
      (orders) => orders.length >= 120 && settled(orders),
      40_000,
      'Joom routed',
    );
    const routed = joom.filter((order) => order.routing?.rule === 'joom-to-flexport' && !order.routing.refused);
    expect(new Set(routed.map((order) => order.account))).toEqual(new Set(['main', 'eu']));
    for (const order of routed) {
      const atFlexport = await waitForOrder(gateway, order.id, (o) => o.fulfillment?.provider === 'flexport', 20_000);
      expect(atFlexport.status).toBe('fulfilling');
      const history = await gateway.store.repository.history(order.id);
      expect(history).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'ready', to: 'fulfilling', actor: 'routing-rule:joom-to-flexport' })]));
      expect(await sideEffects(main, 'flexport', order.id)).toEqual({ flexport_order_created: 1 });
    }
    const akinon = await readUntil(
      () => listedOrders(gateway, 'akinon'),
      (orders) => orders.length >= 120 && settled(orders),
      40_000,
      'Akinon routed',
    );
    const held = akinon.filter((order) => order.routing?.rule === 'akinon-check');
    expect(new Set(held.map((order) => order.account))).toEqual(new Set(['main', 'tr2']));
    for (const order of held) expect(order.holds).toEqual([expect.objectContaining({ reason: 'address_check', placedBy: 'routing-rule:akinon-check' })]);
  });
});
