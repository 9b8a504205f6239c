import { CanonicalOrder } from '@app/orders';
import { adminAuth, auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, sideEffects, startGateway, waitForJob, waitForOrder } from '../support/gateway-stack';
import { openQueue } from '../support/queue-fixtures';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(60_000);

describe('commands end to end (api → order-commands → worker process → sandbox)', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  let joom: CanonicalOrder[];
  let akinon: CanonicalOrder[];

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '200' });
    stack = await startGateway(sandbox);
    joom = await ingestMatching(stack, 'joom', 8, offlineReady);
    // Every line still open: a seeded order may be ready with one line already rejected (and 300 maps to ready, AK-3).
    akinon = await ingestMatching(
      stack,
      'akinon',
      4,
      (order) => order.snapshot.status === 'ready' && order.snapshot.lines.length >= 2 && order.snapshot.lines.every((line) => line.status === 'ready'),
    );
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('fulfils a Joom order with tracking once, however often the same Idempotency-Key is sent', async () => {
    const order = joom[0];
    const body = { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815' };
    const first = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).set('Idempotency-Key', 'fulfil-1').send(body).expect(202);
    const again = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).set('Idempotency-Key', 'fulfil-1').send(body).expect(202);
    expect(again.body).toEqual(first.body);
    expect(first.body).toEqual({ jobId: expect.any(String), orderId: order.id, command: 'fulfill' });

    const job = await waitForJob(stack, first.body.jobId);
    expect(job.state).toBe('completed');
    const stored = await stack.store.repository.getOrThrow(order.id);
    expect(stored.status).toBe('shipped');
    expect(stored.fulfillment?.shipments[0]).toEqual(expect.objectContaining({ carrier: 'DHL', trackingNumber: body.trackingNumber }));
    const history = await stack.store.repository.history(order.id);
    // Not history.at(-1): the sync's audit may re-read the order afterwards and annotate Joom's own update of it.
    const toShipped = history.filter((entry) => entry.kind === 'transition' && entry.to === 'shipped');
    expect(toShipped).toEqual([expect.objectContaining({ from: 'ready', cause: 'command', jobId: expect.any(String) })]);
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });
  });

  it('refuses a reused Idempotency-Key with another body (422) and queues nothing', async () => {
    const order = joom[1];
    await stack.http.post(`/v1/orders/${order.id}/cancel`).set(auth).set('Idempotency-Key', 'k-2').send({ reason: 'out_of_stock' }).expect(202);
    const { body } = await stack.http.post(`/v1/orders/${order.id}/cancel`).set(auth).set('Idempotency-Key', 'k-2').send({ reason: 'other' }).expect(422);
    expect(body.code).toBe('idempotency_key_reused');
    // Replaying the original request returns its job even once the command has run (no 409 for a retry).
    const first = await stack.http.post(`/v1/orders/${order.id}/cancel`).set(auth).set('Idempotency-Key', 'k-2').send({ reason: 'out_of_stock' }).expect(202);
    await waitForJob(stack, first.body.jobId);
    const replay = await stack.http.post(`/v1/orders/${order.id}/cancel`).set(auth).set('Idempotency-Key', 'k-2').send({ reason: 'out_of_stock' }).expect(202);
    expect(replay.body.jobId).toBe(first.body.jobId);
    const notFailed = await stack.http.post(`/v1/jobs/${first.body.jobId}/retry`).set(adminAuth).expect(409);
    expect(notFailed.body.code).toBe('job_not_failed');
  });

  it('cancels a Joom order', async () => {
    const order = joom[1];
    await waitForOrder(stack, order.id, (o) => o.status === 'cancelled');
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ cancel: 1 });
    expect((await stack.store.repository.getOrThrow(order.id)).cancellation).toEqual(expect.objectContaining({ reason: 'out_of_stock', requestedBy: 'merchant' }));
  });

  it('refuses before queueing what the state machine or the channel forbids', async () => {
    const shipped = joom[0];
    const illegal = await stack.http.post(`/v1/orders/${shipped.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'DHL', trackingNumber: 'X12345' }).expect(409);
    expect(illegal.body).toEqual(expect.objectContaining({ code: 'illegal_transition', details: expect.objectContaining({ from: 'shipped' }) }));
    const unsupported = await stack.http.post(`/v1/orders/${akinon[0].id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'DHL', trackingNumber: 'X12345' }).expect(422);
    expect(unsupported.body.code).toBe('capability_unsupported');
    const badBody = await stack.http.post(`/v1/orders/${akinon[0].id}/fulfill`).set(auth).send({ mode: 'tracking' }).expect(400);
    expect(badBody.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['carrier', 'trackingNumber']);
  });

  it('rejects one Akinon line, item by item', async () => {
    const order = akinon[0];
    const line = order.lines[0];
    const accepted = await stack.http
      .post(`/v1/orders/${order.id}/reject`)
      .set(auth)
      .send({ reason: 'out_of_stock', lineIds: [line.id] })
      .expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    const stored = await stack.store.repository.getOrThrow(order.id);
    expect(stored.lines.find((l) => l.id === line.id)?.status).toBe('rejected');
    expect(stored.lines.filter((l) => l.id !== line.id).every((l) => l.status !== 'rejected')).toBe(true);
    expect(await sideEffects(sandbox, 'akinon', order.externalId)).toEqual({ reject: 1 });
  });

  it('completes with exactly one side effect while the sandbox answers 5xx, 429 and slowly', async () => {
    const order = joom[2];
    await sandbox.control('PUT', '/faults/joom-v3', { errorRate: 0.3, errorStatus: 503, rateLimitRate: 0.2, retryAfterSeconds: 1, latencyMs: 30, seed: 7 });
    try {
      const accepted = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'USPS', trackingNumber: '9400111899223847562910' }).expect(202);
      const job = await waitForJob(stack, accepted.body.jobId, 45_000);
      expect(job.state).toBe('completed');
    } finally {
      await sandbox.control('DELETE', '/faults/joom-v3');
    }
    expect((await stack.store.repository.getOrThrow(order.id)).status).toBe('shipped');
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({ fulfill: 1 });
  });

  it('fails a permanent refusal at once, flags the order and does not loop', async () => {
    const order = joom[3];
    const accepted = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'tracking', carrier: 'Pigeon Express', trackingNumber: 'PX12345' }).expect(202);
    const job = await waitForJob(stack, accepted.body.jobId);
    expect(job).toEqual(expect.objectContaining({ state: 'failed', attempts: 1 }));
    expect(job.error).toContain('Pigeon Express');
    const stored = await stack.store.repository.getOrThrow(order.id);
    expect(stored.status).toBe('ready');
    expect(stored.attention).toEqual(expect.objectContaining({ code: 'command_failed' }));
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({});
    const deadLetters = await stack.http.get('/v1/jobs?state=failed').set(auth).expect(200);
    expect(deadLetters.body.items.map((item: { jobId: string }) => item.jobId)).toContain(accepted.body.jobId);

    // A replayed dead letter runs its failed step again (and, the carrier still being unknown, fails again the same way).
    const replayed = await stack.http.post(`/v1/jobs/${accepted.body.jobId}/retry`).set(adminAuth).expect(202);
    expect(replayed.body.jobId).toBe(accepted.body.jobId);
    const again = await waitForJob(stack, accepted.body.jobId);
    expect(again).toEqual(expect.objectContaining({ state: 'failed', error: expect.stringContaining('Pigeon Express') }));
    expect(await sideEffects(sandbox, 'joom-v3', order.externalId)).toEqual({});
    const unknown = await stack.http.post('/v1/jobs/no-such-job/retry').set(adminAuth).expect(404);
    expect(unknown.body.code).toBe('job_not_found');
  });

  it('fulfils online through Joom Logistics and rejects a Joom v3 order', async () => {
    const [online, toReject] = await ingestMatching(stack, 'joom', 2, (o) => o.snapshot.status === 'ready' && o.snapshot.fields.shippingConstraints?.requirement !== 'offline_only');
    const fulfil = await stack.http.post(`/v1/orders/${online.id}/fulfill`).set(auth).send({ mode: 'online' }).expect(202);
    const reject = await stack.http.post(`/v1/orders/${toReject.id}/reject`).set(auth).send({ reason: 'out_of_stock' }).expect(202);
    expect((await waitForJob(stack, fulfil.body.jobId)).state).toBe('completed');
    expect((await waitForJob(stack, reject.body.jobId)).state).toBe('completed');
    const shipped = await stack.store.repository.getOrThrow(online.id);
    expect(shipped.status).toBe('fulfilling');
    expect(shipped.fulfillment).toEqual(expect.objectContaining({ provider: 'joom_logistics', shipments: [expect.objectContaining({ trackingNumber: expect.any(String) })] }));
    expect((await stack.store.repository.getOrThrow(toReject.id)).status).toBe('cancelled');
    expect(await sideEffects(sandbox, 'joom-v3', online.externalId)).toEqual({ fulfill_online: 1 });
    expect(await sideEffects(sandbox, 'joom-v3', toReject.externalId)).toEqual({ cancel: 1 });
  });

  it('cancels an Akinon order by rejecting every item that can still be rejected', async () => {
    const order = akinon[1];
    const closedBefore = order.lines.filter((line) => line.status === 'rejected' || line.status === 'cancelled').length;
    const accepted = await stack.http.post(`/v1/orders/${order.id}/cancel`).set(auth).send({ reason: 'customer_request' }).expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    const stored = await stack.store.repository.getOrThrow(order.id);
    const closedAfter = stored.lines.filter((line) => line.status === 'rejected' || line.status === 'cancelled').length;
    const { reject } = await sideEffects(sandbox, 'akinon', order.externalId);
    expect(reject).toBeGreaterThan(0);
    expect(closedAfter - closedBefore).toBe(reject);
  });

  it('fails a malformed job added straight to the queue with a clear reason, changing nothing', async () => {
    const { queue, close } = openQueue();
    try {
      const order = joom[4];
      const forged = await queue.add('fulfill', { orderId: order.id, mode: 'teleport', extra: 'x' });
      const unknown = await queue.add('launch', { orderId: order.id });
      const viaChannel = await queue.add('cancel', { channel: 'joom', externalId: order.externalId, reason: 'customer_request', requestedBy: 'crm-service' });
      const [a, b, c] = await Promise.all([forged, unknown, viaChannel].map((job) => waitForJob(stack, job.id!)));
      expect(a.state).toBe('failed');
      expect(a.error).toMatch(/mode must be one of/);
      expect(a.error).toMatch(/extra should not exist/);
      expect(b.state).toBe('failed');
      expect(b.error).toMatch(/unknown job name "launch"/);
      expect(c.state).toBe('completed');
      const stored = await stack.store.repository.getOrThrow(order.id);
      expect({ status: stored.status, job: c }).toEqual(expect.objectContaining({ status: 'cancelled' }));
      expect((await stack.store.repository.history(order.id)).at(-1)?.actor).toBe('crm-service');
    } finally {
      await close();
    }
  });

  it('cancels a Flexport-routed order at Flexport first, and flags it when Flexport has already shipped', async () => {
    const [cancellable, tooLate] = [joom[6], joom[7]];
    for (const order of [cancellable, tooLate]) {
      const created = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'flexport' }).expect(202);
      expect((await waitForJob(stack, created.body.jobId)).state).toBe('completed');
    }
    const providerId = (await stack.store.repository.getOrThrow(tooLate.id)).fulfillment!.providerOrderId!;
    await sandbox.control('POST', '/flexport/actions/ship', { orderId: providerId });

    const ok = await stack.http.post(`/v1/orders/${cancellable.id}/cancel`).set(auth).send({ reason: 'customer_request' }).expect(202);
    const refused = await stack.http.post(`/v1/orders/${tooLate.id}/cancel`).set(auth).send({ reason: 'customer_request' });
    expect((await waitForJob(stack, ok.body.jobId)).state).toBe('completed');
    expect(await sideEffects(sandbox, 'flexport', cancellable.id)).toEqual({ flexport_order_created: 1, flexport_order_cancelled: 1 });
    expect((await stack.store.repository.getOrThrow(cancellable.id)).status).toBe('cancelled');

    if (refused.status === 202) {
      const job = await waitForJob(stack, refused.body.jobId);
      expect(job.state).toBe('failed');
      expect(job.error).toMatch(/Flexport refused to cancel/);
      const flagged = await stack.store.repository.getOrThrow(tooLate.id);
      expect(flagged.status).not.toBe('cancelled');
      expect(flagged.attention?.code).toBe('cancel_refused');
    } else {
      // The webhook already brought the shipment in: cancelling a shipped order is refused before queueing.
      expect(refused.status).toBe(409);
    }
    expect(await sideEffects(sandbox, 'joom-v3', tooLate.externalId)).not.toHaveProperty('cancel');
  });
});
