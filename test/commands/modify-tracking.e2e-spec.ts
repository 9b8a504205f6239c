import { CanonicalOrder } from '@app/orders';
import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, sideEffects, startGateway, waitForJob } from '../support/gateway-stack';
import { openQueue } from '../support/queue-fixtures';
import { SANDBOX_TOKENS, SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

/** What the sandbox's Joom shows as the order's tracking. */
type RemoteTracking = { carrier: string | undefined; trackingNumber: string | undefined };

const NEW_TRACKING = { carrier: 'China Post', trackingNumber: 'RB123456785CN' };

/*
 * POST /v1/orders/{id}/tracking and the `modify-tracking` job, against the
 * real api, worker and sandbox, for both Joom versions: an order fulfilled
 * with the merchant's tracking gets a new carrier and number at Joom and on
 * the canonical order, with exactly one modify call at Joom.
 */
describe.each([
  {
    version: 'v3' as const,
    api: 'joom-v3',
    remote: async (sandbox: SandboxHandle, externalId: string): Promise<RemoteTracking> => {
      const res = await fetch(`${sandbox.url}/api/v3/orders?id=${externalId}`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.joom}` } });
      const { shipment } = ((await res.json()) as { data: { shipment?: { provider?: string; trackingNumber?: string } } }).data;
      return { carrier: shipment?.provider, trackingNumber: shipment?.trackingNumber };
    },
  },
  {
    version: 'v2' as const,
    api: 'joom-v2',
    remote: async (sandbox: SandboxHandle, externalId: string): Promise<RemoteTracking> => {
      const res = await fetch(`${sandbox.url}/api/v2/order?id=${externalId}`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.joom}` } });
      const { Order } = ((await res.json()) as { data: { Order: { shipping_provider?: string; tracking_number?: string } } }).data;
      return { carrier: Order.shipping_provider, trackingNumber: Order.tracking_number };
    },
  },
])('modify-tracking against Joom $version', ({ version, api, remote }) => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  let orders: CanonicalOrder[];

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '100' });
    stack = await startGateway(sandbox, { JOOM_API_VERSION: version });
    orders = await ingestMatching(stack, 'joom', 5, offlineReady);
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  /** Fulfils the order with the merchant's tracking and waits until it is shipped. */
  const shipWithTracking = async (order: CanonicalOrder): Promise<void> => {
    const fulfil = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815' }).expect(202);
    expect((await waitForJob(stack, fulfil.body.jobId)).state).toBe('completed');
    expect((await stack.store.repository.getOrThrow(order.id)).status).toBe('shipped');
  };

  const expectNewTracking = async (order: CanonicalOrder): Promise<void> => {
    expect(await remote(sandbox, order.externalId)).toEqual(NEW_TRACKING);
    const stored = await stack.store.repository.getOrThrow(order.id);
    expect(stored.status).toBe('shipped');
    expect(stored.fulfillment).toEqual(expect.objectContaining({ provider: 'merchant', shipments: [expect.objectContaining(NEW_TRACKING)] }));
    const changes = (await stack.store.repository.history(order.id)).filter((entry) => entry.note?.startsWith('tracking changed'));
    expect(changes).toEqual([
      expect.objectContaining({ kind: 'annotation', from: 'shipped', to: 'shipped', cause: 'command', note: 'tracking changed: DHL JD0146000062815 → China Post RB123456785CN' }),
    ]);
    expect(await sideEffects(sandbox, api, order.externalId)).toEqual({ fulfill: 1, modify_tracking: 1 });
  };

  it('POST /tracking on a shipped order changes the tracking at Joom and on the order, with one modify call', async () => {
    const order = orders[0];
    await shipWithTracking(order);
    const accepted = await stack.http.post(`/v1/orders/${order.id}/tracking`).set(auth).send(NEW_TRACKING).expect(202);
    expect(accepted.body).toEqual({ jobId: expect.any(String), orderId: order.id, command: 'modify-tracking' });
    const job = await waitForJob(stack, accepted.body.jobId);
    expect(job.state).toBe('completed');
    expect(job.steps.map((step) => step.name)).toContain('modify-tracking');
    await expectNewTracking(order);
    // The action is still offered: the new tracking may be changed again.
    expect((await stack.http.get(`/v1/orders/${order.id}`).set(auth).expect(200)).body.allowedActions).toEqual(['modify_tracking']);
  });

  it('runs a modify-tracking job another service adds to order-commands (channel + externalId)', async () => {
    const order = orders[1];
    await shipWithTracking(order);
    const { queue, close } = openQueue();
    try {
      const job = await queue.add('modify-tracking', { channel: 'joom', externalId: order.externalId, ...NEW_TRACKING, requestedBy: 'wms' });
      expect((await waitForJob(stack, job.id!)).state).toBe('completed');
    } finally {
      await close();
    }
    await expectNewTracking(order);
  });

  it('a retry after a lost answer reads the order first and does not modify twice', async () => {
    const order = orders[4];
    await shipWithTracking(order);
    // Joom acts on the modify and its answer never comes (a lost response), until the fault is lifted.
    await sandbox.control('PUT', `/faults/${api}`, { hangAfterRate: 1 });
    let jobId: string;
    try {
      jobId = (await stack.http.post(`/v1/orders/${order.id}/tracking`).set(auth).send(NEW_TRACKING).expect(202)).body.jobId;
      await waitUntil(async () => (await sideEffects(sandbox, api, order.externalId)).modify_tracking === 1);
    } finally {
      // Cuts the held connection: the step fails without knowing it took effect, and retries.
      await sandbox.control('DELETE', `/faults/${api}`);
    }
    const job = await waitForJob(stack, jobId);
    expect(job.state).toBe('completed');
    // The retry (a step job's second attempt, or the step job a direct step hands over) found its effect at Joom.
    expect(job.result).toEqual(expect.objectContaining({ alreadyDone: true }));
    await expectNewTracking(order);
  });

  it('answers 409 on an order that has not shipped, and calls nothing', async () => {
    const order = orders[2];
    const { body } = await stack.http.post(`/v1/orders/${order.id}/tracking`).set(auth).send(NEW_TRACKING).expect(409);
    expect(body).toEqual(expect.objectContaining({ code: 'illegal_transition' }));
    expect(await sideEffects(sandbox, api, order.externalId)).toEqual({});
  });

  it.each([
    ['an unknown field', { ...NEW_TRACKING, mode: 'tracking' }, 'mode'],
    ['no tracking number', { carrier: 'China Post' }, 'trackingNumber'],
    ['a 305-character tracking number', { carrier: 'China Post', trackingNumber: 'A'.repeat(305) }, 'trackingNumber'],
    ['a carrier that is not a string', { carrier: 7, trackingNumber: 'RB123456785CN' }, 'carrier'],
  ])('answers 400 naming the field for a body with %s', async (_case, sent, field) => {
    const order = orders[3];
    const { body } = await stack.http.post(`/v1/orders/${order.id}/tracking`).set(auth).send(sent).expect(400);
    expect(body.code).toBe('validation_failed');
    expect(body.details.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('is documented in the OpenAPI document with its body, examples and refusals', async () => {
    const { body: document } = await stack.http.get('/docs-json').expect(200);
    const operation = document.paths['/v1/orders/{id}/tracking'].post;
    expect(operation.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ModifyTrackingBody' });
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['202', '400', '404', '409', '422']));
    const schema = document.components.schemas.ModifyTrackingBody;
    expect(schema.required).toEqual(['carrier', 'trackingNumber']);
    expect(schema.properties.carrier.example).toBe('China Post');
    expect(schema.properties.trackingNumber.example).toBe('RB123456785CN');
  });

  if (version === 'v2') {
    it('answers 422 invalid_carrier for a carrier Joom v2 has no name for, before queueing', async () => {
      const order = orders[3];
      await shipWithTracking(order);
      const { body } = await stack.http.post(`/v1/orders/${order.id}/tracking`).set(auth).send({ carrier: 'Pigeon Express', trackingNumber: 'RB123456785CN' }).expect(422);
      expect(body).toEqual(expect.objectContaining({ code: 'invalid_carrier' }));
      expect(await sideEffects(sandbox, api, order.externalId)).toEqual({ fulfill: 1 });
    });
  } else {
    it('answers 422 capability_unsupported on a channel that cannot modify tracking (Akinon)', async () => {
      const [order] = await ingestMatching(stack, 'akinon', 1, () => true);
      const { body } = await stack.http.post(`/v1/orders/${order.id}/tracking`).set(auth).send(NEW_TRACKING).expect(422);
      expect(body).toEqual(expect.objectContaining({ code: 'capability_unsupported' }));
    });
  }
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
