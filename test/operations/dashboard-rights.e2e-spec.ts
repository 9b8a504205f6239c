import { createHash } from 'node:crypto';
import { appRoutes } from '@bull-board/api/dist/routes';
import { Job } from 'bullmq';
import { CanonicalOrder } from '@app/orders';
import { ALL_QUEUES, idempotencyRecordKey, idempotentJobId, ORDER_COMMANDS_QUEUE, SYSTEM_QUEUES } from '@app/queues';
import { adminAuth, auth, TEST_ADMIN_API_KEY, TEST_API_KEY } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, sideEffects, startGateway, waitForJob, waitForOrder } from '../support/gateway-stack';
import { openQueue, TestQueue } from '../support/queue-fixtures';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

const basicAuth = (password: string) => ({ Authorization: `Basic ${Buffer.from(`ops:${password}`).toString('base64')}` });
/** The non-secret name the gateway gives a key (api-keys.ts). */
const callerIdOf = (key: string) => `api-key:${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
const ADMIN_ACTOR = `dashboard:${callerIdOf(TEST_ADMIN_API_KEY)}`;
const forbidden = { statusCode: 403, code: 'forbidden', message: expect.stringContaining('admin key') };

/** Every bull-board route that is not a read, with its path parameters filled in: taken from bull-board itself, so a route it adds is covered too. */
const WRITE_ROUTES = appRoutes.api
  .filter((route) => route.method !== 'get')
  .map((route) => ({
    method: String(route.method),
    path: `/queues${String(route.route)}`.replace(':queueName', ORDER_COMMANDS_QUEUE).replace(':queueStatus', 'completed').replace(':schedulerId', 'some-scheduler').replace(':jobId', 'some-job'),
  }));

async function waitForState(job: Job, states: string[], timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await job.getState();
    if (states.includes(state)) return state;
    if (Date.now() > deadline) throw new Error(`job ${job.id} never became ${states.join(' or ')} (is ${state})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('rights on the queue dashboard and job retries (API_KEYS read and command, ADMIN_API_KEYS also change queues)', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  let joom: CanonicalOrder[];
  const queues: Record<string, TestQueue> = {};

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '120' });
    stack = await startGateway(sandbox);
    joom = await ingestMatching(stack, 'joom', 6, offlineReady);
    for (const name of [ORDER_COMMANDS_QUEUE, SYSTEM_QUEUES.joom]) queues[name] = openQueue(name, stack.env.REDIS_URL);
  });
  afterAll(async () => {
    for (const queue of Object.values(queues)) await queue.close();
    await stack?.stop();
    await sandbox?.stop();
  });

  const dashboard = (method: string, path: string, credentials: Record<string, string>, body?: unknown) => {
    const call = stack.http[method.toLowerCase() as 'put' | 'post' | 'patch'](path).set(credentials);
    return body === undefined ? call : call.send(body as object);
  };

  it('POST /v1/jobs/{id}/retry: 403 forbidden for a key from API_KEYS alone, before anything is looked up; an admin key reaches the route; Swagger says so', async () => {
    const refused = await stack.http.post('/v1/jobs/no-such-job/retry').set(auth).expect(403);
    expect(refused.body).toEqual(forbidden);
    const reached = await stack.http.post('/v1/jobs/no-such-job/retry').set(adminAuth).expect(404);
    expect(reached.body.code).toBe('job_not_found');
    // An admin key may do everything an API key may: read and send commands.
    await stack.http.get(`/v1/orders/${joom[5].id}`).set(adminAuth).expect(200);
    const { body: document } = await stack.http.get('/docs-json').expect(200);
    expect(Object.keys(document.paths['/v1/jobs/{jobId}/retry'].post.responses)).toContain('403');
  });

  it(`refuses each of bull-board's ${WRITE_ROUTES.length} write routes to a key from API_KEYS alone (403, the error shape), changing nothing`, async () => {
    expect(WRITE_ROUTES.map((route) => route.path)).toEqual(
      expect.arrayContaining(['/queues/api/queues/order-commands/add', '/queues/api/queues/order-commands/obliterate', '/queues/api/queues/order-commands/clean/completed']),
    );
    const before = await queues[ORDER_COMMANDS_QUEUE].queue.getJobCounts();
    for (const { method, path } of WRITE_ROUTES) {
      for (const credentials of [auth, basicAuth(TEST_API_KEY)]) {
        const response = await dashboard(method, path, credentials, { name: 'cancel', data: { orderId: joom[5].id, reason: 'other' }, force: true });
        expect({ method, path, status: response.status, body: response.body }).toEqual({ method, path, status: 403, body: forbidden });
      }
    }
    expect(await queues[ORDER_COMMANDS_QUEUE].queue.isPaused()).toBe(false);
    expect(await queues[ORDER_COMMANDS_QUEUE].queue.getJobCounts()).toEqual(before);
    expect(await sideEffects(sandbox, 'joom-v3', joom[5].externalId)).toEqual({});
  });

  it('still serves a key from API_KEYS every page and read, and tells its UI every queue is read-only; an admin key sees them writable', async () => {
    for (const page of ['/queues', `/queues/queue/${ORDER_COMMANDS_QUEUE}`, `/queues/api/queues/${ORDER_COMMANDS_QUEUE}/workers`]) {
      await stack.http.get(page).set(basicAuth(TEST_API_KEY)).expect(200);
    }
    const looking = await stack.http.get('/queues/api/queues').set(basicAuth(TEST_API_KEY)).expect(200);
    expect(looking.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual([...ALL_QUEUES].sort());
    for (const queue of looking.body.queues) expect(queue).toMatchObject({ readOnlyMode: true, allowRetries: false });
    const admin = await stack.http.get('/queues/api/queues').set(basicAuth(TEST_ADMIN_API_KEY)).expect(200);
    for (const queue of admin.body.queues) expect(queue).toMatchObject({ readOnlyMode: false, allowRetries: true });
  });

  it('lets an admin key change queues: pause and resume', async () => {
    await dashboard('PUT', `/queues/api/queues/${ORDER_COMMANDS_QUEUE}/pause`, adminAuth).expect(200);
    expect(await queues[ORDER_COMMANDS_QUEUE].queue.isPaused()).toBe(true);
    await dashboard('PUT', `/queues/api/queues/${ORDER_COMMANDS_QUEUE}/resume`, adminAuth).expect(200);
    expect(await queues[ORDER_COMMANDS_QUEUE].queue.isPaused()).toBe(false);
  });

  it('signs a command added on the dashboard with the key that added it, whatever requestedBy its data claims', async () => {
    const order = joom[0];
    const { body } = await dashboard('POST', `/queues/api/queues/${ORDER_COMMANDS_QUEUE}/add`, adminAuth, {
      name: 'cancel',
      data: { orderId: order.id, reason: 'out_of_stock', requestedBy: 'crm-service' },
    }).expect(200);
    expect(body.job.data.requestedBy).toBe(ADMIN_ACTOR);
    await waitForJob(stack, body.job.id);
    await waitForOrder(stack, order.id, (stored) => stored.status === 'cancelled');
    const history = await stack.store.repository.history(order.id);
    expect(history.filter((entry) => entry.kind === 'transition' && entry.to === 'cancelled')).toEqual([expect.objectContaining({ cause: 'command', actor: ADMIN_ACTOR })]);
    expect(history.some((entry) => JSON.stringify(entry).includes('crm-service'))).toBe(false);
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ cancel: 1 });
  });

  it('signs a command whose data is edited on the dashboard the same way, and refuses job data that is not an object (400 naming the field)', async () => {
    const order = joom[1];
    const intake = queues[ORDER_COMMANDS_QUEUE].queue;
    await dashboard('PUT', `/queues/api/queues/${ORDER_COMMANDS_QUEUE}/pause`, adminAuth).expect(200);
    try {
      const job = await intake.add('cancel', { orderId: order.id, reason: 'other', requestedBy: 'queue-producer' });
      const notObject = await dashboard('PATCH', `/queues/api/queues/${ORDER_COMMANDS_QUEUE}/${job.id}/update-data`, adminAuth, { jobData: ['cancel'] }).expect(400);
      expect(notObject.body).toEqual({
        statusCode: 400,
        code: 'validation_failed',
        message: expect.stringContaining('jobData'),
        details: { fields: [{ field: 'jobData', problems: expect.any(Array) }] },
      });
      await dashboard('PATCH', `/queues/api/queues/${ORDER_COMMANDS_QUEUE}/${job.id}/update-data`, adminAuth, {
        jobData: { orderId: order.id, reason: 'out_of_stock', requestedBy: 'crm-service' },
      }).expect(200);
      expect((await intake.getJob(job.id!))?.data).toEqual({ orderId: order.id, reason: 'out_of_stock', requestedBy: ADMIN_ACTOR });
    } finally {
      await dashboard('PUT', `/queues/api/queues/${ORDER_COMMANDS_QUEUE}/resume`, adminAuth).expect(200);
    }
    await waitForOrder(stack, order.id, (stored) => stored.status === 'cancelled');
    const history = await stack.store.repository.history(order.id);
    expect(history.filter((entry) => entry.kind === 'transition' && entry.to === 'cancelled')).toEqual([expect.objectContaining({ actor: ADMIN_ACTOR })]);
    const addBad = await dashboard('POST', `/queues/api/queues/${ORDER_COMMANDS_QUEUE}/add`, adminAuth, { name: 'cancel', data: 'cancel it' }).expect(400);
    expect(addBad.body.details.fields[0].field).toBe('data');
  });

  it("sends a step job added on the dashboard through the worker's own validation: a malformed one fails naming the field and calls nobody", async () => {
    const order = joom[2];
    const { body } = await dashboard('POST', `/queues/api/queues/${SYSTEM_QUEUES.joom}/add`, adminAuth, {
      name: 'fulfill-tracking',
      data: {
        chainId: 'by-hand-1',
        command: 'fulfill',
        orderId: order.id,
        payload: { mode: 'tracking', carrier: 'DHL' },
        plan: [{ system: 'joom', step: 'fulfill-tracking' }],
        index: 0,
        requestedBy: 'crm-service',
      },
    }).expect(200);
    expect(body.job.data.requestedBy).toBe(ADMIN_ACTOR);
    const job = (await queues[SYSTEM_QUEUES.joom].queue.getJob(body.job.id))!;
    expect(await waitForState(job, ['failed', 'completed'])).toBe('failed');
    expect((await queues[SYSTEM_QUEUES.joom].queue.getJob(body.job.id))?.failedReason).toMatch(/^invalid_command_job: .*trackingNumber must be a string/);
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({});
    expect((await stack.store.repository.getOrThrow(order.id)).status).toBe('ready');
  });

  describe('an idempotency key outlives its jobs (IDEMPOTENCY_TTL_SECONDS)', () => {
    it('REST: the same key and body after the queue was obliterated on the dashboard answers the same job, adding none and calling Joom once', async () => {
      const order = joom[3];
      const body = { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000099001' };
      const send = (payload: object) => stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).set('Idempotency-Key', 'clean-me-1').send(payload);
      const first = await send(body).expect(202);
      expect((await waitForJob(stack, first.body.jobId)).state).toBe('completed');

      const steps = queues[SYSTEM_QUEUES.joom].queue;
      await dashboard('PUT', `/queues/api/queues/${SYSTEM_QUEUES.joom}/pause`, adminAuth).expect(200);
      await dashboard('PUT', `/queues/api/queues/${SYSTEM_QUEUES.joom}/obliterate`, adminAuth, { force: true }).expect(200);
      await dashboard('PUT', `/queues/api/queues/${SYSTEM_QUEUES.joom}/resume`, adminAuth).expect(200);
      expect(await steps.getJob(first.body.jobId)).toBeUndefined();

      const again = await send(body).expect(202);
      expect(again.body).toEqual(first.body);
      expect(await steps.getJob(first.body.jobId)).toBeUndefined();
      const reused = await send({ ...body, trackingNumber: 'JD0146000099002' }).expect(422);
      expect(reused.body.code).toBe('idempotency_key_reused');
      expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });

      // One key per record, with its own TTL (7 days by default).
      const recordKey = idempotencyRecordKey(idempotentJobId(callerIdOf(TEST_API_KEY), 'clean-me-1'));
      const ttl = await stack.store.redis.ttl(recordKey);
      expect(ttl).toBeGreaterThan(7 * 24 * 3600 - 60);
      expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600);
    });

    it("queue: a producer's idempotencyKey sent again after both queues were obliterated joins the recorded command; Joom is called once", async () => {
      const order = joom[4];
      const data = { orderId: order.id, mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000099003', idempotencyKey: 'crm-7', requestedBy: 'crm' };
      const intake = queues[ORDER_COMMANDS_QUEUE].queue;
      const first = await intake.add('fulfill', data);
      expect((await waitForJob(stack, first.id!)).state).toBe('completed');

      for (const { queue } of Object.values(queues)) {
        await queue.pause();
        await queue.obliterate({ force: true });
        await queue.resume();
      }
      const again = await intake.add('fulfill', data);
      expect(await waitForState(again, ['completed', 'failed'])).toBe('completed');
      expect((await intake.getJob(again.id!))?.returnvalue).toMatchObject({ joinedExistingChain: true, next: { queue: SYSTEM_QUEUES.joom } });
      // No step was added again: the obliterated step queue stays empty.
      expect(Object.values(await queues[SYSTEM_QUEUES.joom].queue.getJobCounts()).every((count) => count === 0)).toBe(true);
      expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });
    });
  });
});
