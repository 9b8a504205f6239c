import { signFlexportWebhook } from '@app/flexport';
import { CanonicalOrder } from '@app/orders';
import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, sideEffects, startGateway, waitForJob, waitForOrder, WEBHOOK_TOKEN } from '../support/gateway-stack';
import { SANDBOX_TOKENS, SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(60_000);

/** The sandbox signs its webhooks and the gateway requires the signature as well as the token (docs/api-decisions.md FX-7). */
const WEBHOOK_SECRET = 'refulfil-webhook-secret-0123456789';

/**
 * Re-fulfilment through Flexport (docs/api-decisions.md FX-1…FX-3): every
 * attempt has its own externalOrderId and idempotency-key, so an order
 * Flexport cancelled, or whose create it refused, can be sent again — and
 * the sandbox's own store shows exactly one live Flexport order for it.
 */
describe('fulfil via Flexport again', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  /** Flexport's orders for a gateway order, attempt by attempt, read from the sandbox's Flexport API (not our store). */
  const flexportOrdersOf = async (orderId: string): Promise<{ externalOrderId: string; id: string; status: string }[]> => {
    const found = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const externalOrderId = attempt === 1 ? orderId : `${orderId}-${attempt}`;
      const response = await fetch(`${sandbox.url}/logistics/api/2024-04/orders/external_id/${externalOrderId}`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.flexport}` } });
      if (response.status === 404) continue;
      const body = (await response.json()) as { id: string; state: { internalStatus: string } };
      found.push({ externalOrderId, id: body.id, status: body.state.internalStatus });
    }
    return found;
  };
  const fulfil = async (orderId: string) => {
    const accepted = await stack.http.post(`/v1/orders/${orderId}/fulfill`).set(auth).send({ mode: 'flexport' }).expect(202);
    return waitForJob(stack, accepted.body.jobId);
  };
  const setAddress = (orderId: string, change: Partial<NonNullable<CanonicalOrder['shippingAddress']>>) =>
    stack.store.repository.mutate(orderId, (current) => ({
      order: { ...current!, shippingAddress: { ...current!.shippingAddress!, ...change }, updatedAt: new Date().toISOString() },
      history: [{ kind: 'annotation', at: new Date().toISOString(), from: current!.status, to: current!.status, cause: 'command', actor: 'test', requestId: null, note: 'address corrected' }],
    }));

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '60' });
    stack = await startGateway(sandbox, { FLEXPORT_WEBHOOK_SECRET: WEBHOOK_SECRET });
    await sandbox.control('POST', '/flexport/actions/set-webhook', { url: `${stack.apiUrl}/v1/webhooks/flexport`, token: WEBHOOK_TOKEN, secret: WEBHOOK_SECRET });
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('Flexport cancels → the order is ready again → a second attempt is created: one live Flexport order, both attempts in the history', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, offlineReady);
    const first = await fulfil(order.id);
    expect(first.state).toBe('completed');
    const firstId = String(first.result!.providerOrderId);

    // Flexport cancels on its own (not asked by the gateway); its webhook brings the order back to `ready`.
    const cancel = await fetch(`${sandbox.url}/logistics/api/2024-04/orders/${firstId}/cancel`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SANDBOX_TOKENS.flexport}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(cancel.status).toBe(200);
    await waitForOrder(stack, order.id, (o) => o.status === 'ready' && o.fulfillment?.providerStatus === 'CANCELLED');

    const second = await fulfil(order.id);
    expect(second.state).toBe('completed');
    const secondId = String(second.result!.providerOrderId);
    expect(secondId).not.toBe(firstId);

    const stored = await stack.store.repository.get(order.id);
    expect(stored).toMatchObject({ status: 'fulfilling', fulfillment: { provider: 'flexport', providerOrderId: secondId, providerStatus: 'CREATED', attempt: 2 } });
    // The "Flexport cancelled; fulfil again" flag is settled by the new attempt (a sync may have flagged something else meanwhile).
    expect(stored!.attention?.code).not.toBe('fulfillment_error');
    expect(await flexportOrdersOf(order.id)).toEqual([
      { externalOrderId: order.id, id: firstId, status: 'CANCELLED' },
      { externalOrderId: `${order.id}-2`, id: secondId, status: 'CREATED' },
    ]);
    expect(await sideEffects(sandbox, 'flexport', order.id)).toEqual({ flexport_order_created: 1, flexport_order_cancelled: 1 });
    expect(await sideEffects(sandbox, 'flexport', `${order.id}-2`)).toEqual({ flexport_order_created: 1 });

    const history = await stack.store.repository.history(order.id);
    const notes = history.map((entry) => entry.note ?? '');
    expect(notes.filter((note) => note.includes(`Flexport order ${firstId} created (attempt 1`))).toHaveLength(1);
    expect(notes.filter((note) => note.includes(`Flexport order ${secondId} created (attempt 2, externalOrderId ${order.id}-2)`))).toHaveLength(1);
    expect(history.filter((entry) => entry.kind === 'transition').map((entry) => `${entry.from}→${entry.to}`)).toEqual(expect.arrayContaining(['ready→fulfilling', 'fulfilling→ready']));
    expect(history.filter((entry) => entry.from === 'ready' && entry.to === 'fulfilling')).toHaveLength(2);

    // The next webhook or poll for either attempt's externalOrderId reaches this order.
    const raw = JSON.stringify({
      logisticsEventId: `evt-${secondId}`,
      logisticsEventType: 'Order.Shipped',
      logisticsEventTime: new Date().toISOString(),
      orderId: secondId,
      externalOrderId: `${order.id}-2`,
    });
    const delivered = await stack.http
      .post('/v1/webhooks/flexport')
      .set('Content-Type', 'application/json')
      .set('x-webhook-token', WEBHOOK_TOKEN)
      .set('X-Hub-Signature-256', signFlexportWebhook(WEBHOOK_SECRET, raw))
      .send(raw)
      .expect(202);
    expect(delivered.body).toEqual({ accepted: true, orderId: order.id });
  });

  it('a create refused for a bad address is sent again, corrected, and created — with the promised ship-by time', async () => {
    const [, order] = await ingestMatching(stack, 'joom', 2, offlineReady);
    const good = order.shippingAddress!.countryCode;
    const shipBy = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await stack.store.repository.mutate(order.id, (current) => ({
      order: { ...current!, shippingConstraints: { ...current!.shippingConstraints, shipBy }, updatedAt: new Date().toISOString() },
      history: [{ kind: 'annotation', at: new Date().toISOString(), from: current!.status, to: current!.status, cause: 'command', actor: 'test', requestId: null, note: 'ship-by set' }],
    }));
    await setAddress(order.id, { countryCode: 'Turkey' });
    const refused = await fulfil(order.id);
    expect(refused.state).toBe('failed');
    expect(refused.error).toContain('countryCode');
    expect(await flexportOrdersOf(order.id)).toEqual([]);
    expect((await stack.store.repository.get(order.id))!).toMatchObject({ status: 'ready', attention: { code: 'command_failed' } });

    await setAddress(order.id, { countryCode: good });
    const created = await fulfil(order.id);
    expect(created.state).toBe('completed');
    expect((await stack.store.repository.get(order.id))!.attention?.code).not.toBe('command_failed');
    const remote = await fetch(`${sandbox.url}/logistics/api/2024-04/orders/${created.result!.providerOrderId}`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.flexport}` } });
    const flexportOrder = (await remote.json()) as { promisedShipByTime: string; lineItems: { customsUnitValue: unknown }[] };
    expect(flexportOrder.promisedShipByTime).toBe(shipBy);
    expect(flexportOrder.lineItems.every((line) => line.customsUnitValue !== null)).toBe(true);
    expect(await flexportOrdersOf(order.id)).toEqual([{ externalOrderId: order.id, id: String(created.result!.providerOrderId), status: 'CREATED' }]);
    expect(await sideEffects(sandbox, 'flexport', order.id)).toEqual({ flexport_order_created: 1 });
  });
});
