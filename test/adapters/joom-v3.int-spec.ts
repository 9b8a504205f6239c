import { RemoteNotFoundError, RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { CanonicalOrder, LineNotFoundError } from '@app/orders';
import { buildLine, buildOrder } from '@app/orders/testing';
import { createJoomAdapter, InvalidCarrierError, JoomAdapterOptions, JoomV3Adapter, JoomV3Order, UntrustedPagingLinkError } from '@app/joom';
import { drainChanges, failure, observeSandbox } from '../support/sandbox-observer';
import { SANDBOX_TOKENS, SandboxHandle, startSandbox } from '../support/sandbox-process';

/**
 * Joom v3 adapter against the built sandbox over HTTP: every command of the
 * joom_v3 capability row, the documented refusals (`{"errors":[…]}`),
 * idempotency (side-effect ledger), cursor paging across changing data,
 * 429 with X-Rate-Limit-Reset and other faults.
 */
interface NewOrder {
  status?: string;
  onlineShippingRequirement?: 'onlineOnly' | 'offlineOnly' | 'offlineOrOnline';
  country?: string;
  storeId?: string;
}

let sandbox: SandboxHandle;
let joom: JoomV3Adapter;

function adapter(options: JoomAdapterOptions = {}, target = sandbox): JoomV3Adapter {
  return createJoomAdapter({ apiVersion: 'v3', baseUrl: target.url, accessToken: SANDBOX_TOKENS.joom, account: 'main' }, options) as JoomV3Adapter;
}

async function createOrder(params: NewOrder = {}): Promise<JoomV3Order> {
  const body = { onlineShippingRequirement: 'offlineOrOnline', country: 'DE', ...params };
  return (await sandbox.control<{ result: JoomV3Order }>('POST', '/joom-v3/actions/create-order', body)).result;
}

async function act(action: string, params: Record<string, unknown>): Promise<void> {
  await sandbox.control('POST', `/joom-v3/actions/${action}`, params);
}

/** The gateway's view of a Joom order: one line `ln_<id>`. */
function canonical(raw: Pick<JoomV3Order, 'id'>, overrides: Partial<CanonicalOrder> = {}): CanonicalOrder {
  return buildOrder({ externalId: raw.id, lines: [buildLine({ id: `ln_${raw.id}`, externalLineId: raw.id })], ...overrides });
}

const { effects, calls, lastSeq } = observeSandbox(() => sandbox, 'joom-v3');
const drain = (cursor: string | null, limit: number) => drainChanges(() => adapter(), cursor, limit);

beforeAll(async () => {
  sandbox = await startSandbox();
  joom = adapter();
});
afterAll(async () => {
  await sandbox?.stop();
});
beforeEach(async () => {
  await sandbox.control('POST', '/reset');
});

describe('reads', () => {
  it('maps an order read by id (`?id=`), token only in the Authorization header', async () => {
    const raw = await createOrder({ onlineShippingRequirement: 'onlineOnly' });
    const order = await joom.getOrder(raw.id);
    expect(order.snapshot).toMatchObject({
      status: 'ready',
      channelStatus: 'approved',
      lines: [{ id: `ln_${raw.id}`, quantity: raw.quantity }],
      fields: { shippingConstraints: { requirement: 'online_only' }, money: { currency: raw.currency, total: raw.priceInfo!.orderPrice } },
    });
    expect(await calls()).toEqual([expect.objectContaining({ method: 'GET', path: '/api/v3/orders', query: { id: raw.id } })]);
  });

  it('maps an unknown status to null, keeping the raw value; `refunded` (seen in the wild) is cancelled by Joom (JO-6)', async () => {
    const raw = await createOrder();
    await act('set-state', { orderId: raw.id, state: 'onHold' });
    expect((await joom.getOrder(raw.id)).snapshot).toMatchObject({ status: null, channelStatus: 'onHold' });
    await act('set-state', { orderId: raw.id, state: 'refunded' });
    expect((await joom.getOrder(raw.id)).snapshot).toMatchObject({ status: 'cancelled', channelStatus: 'refunded', fields: { cancellation: { requestedBy: 'marketplace' } } });
  });

  it("puts hoursToFulfill, counted from the answer's Date, on shipBy: the same deadline on every read and page (JO-7)", async () => {
    const raw = await createOrder();
    const placed = Date.parse(raw.orderTimestamp!);
    const window = 7 * 24 * 3_600_000; // the sandbox's fulfilment window
    const read = (await joom.getOrder(raw.id)).snapshot.fields.shippingConstraints?.shipBy;
    const listed = (await joom.listChangedOrders(null, { limit: 500 })).orders.find((o) => o.externalId === raw.id)?.snapshot.fields.shippingConstraints?.shipBy;
    // Date has whole seconds: at worst the hour before, never later.
    expect([new Date(placed + window).toISOString(), new Date(placed + window - 3_600_000).toISOString()]).toContain(read);
    expect(listed).toBe(read);
  });

  it("surfaces 404, 400 and 403 with Joom's messages", async () => {
    await expect(joom.getOrder('ZZZZ0000')).rejects.toBeInstanceOf(RemoteNotFoundError);
    const invalid = await failure(joom.getOrder('not-an-id'));
    expect(invalid).toBeInstanceOf(RemoteRefusedError);
    expect(invalid).toMatchObject({ httpStatus: 400, remoteCode: 'invalid_argument', message: expect.stringContaining('expected valid order ID') });
    const foreign = await createOrder({ storeId: 'another-store' });
    expect(await failure(joom.getOrder(foreign.id))).toMatchObject({ httpStatus: 403, remoteCode: 'forbidden', message: expect.stringContaining('belongs to another store') });
  });
});

describe('fulfillWithTracking (orders/fulfill)', () => {
  it('fulfills once; the same command again is alreadyDone and changes nothing', async () => {
    const raw = await createOrder();
    const first = await joom.fulfillWithTracking(canonical(raw), { carrier: 'dhl', trackingNumber: 'JD014600006281' });
    expect(first).toMatchObject({ alreadyDone: false, requestId: null });
    expect(first.order?.snapshot.status).toBe('shipped');
    expect(first.order?.snapshot.fields.fulfillment).toMatchObject({ provider: 'merchant', shipments: [{ carrier: 'DHL', trackingNumber: 'JD014600006281' }] });
    const since = await lastSeq();
    expect((await joom.fulfillWithTracking(canonical(raw), { carrier: 'DHL', trackingNumber: 'JD014600006281' })).alreadyDone).toBe(true);
    expect((await calls(since)).map((call) => call.method)).toEqual(['GET']);
    expect(await effects(raw.id, 'fulfill')).toBe(1);
  });

  it('two concurrent duplicates cause exactly one effective fulfil', async () => {
    const raw = await createOrder();
    const command = { carrier: 'EMS', trackingNumber: 'EE123456789CN' };
    // Latency makes both reads land before either send: the loser is refused and must re-read.
    await sandbox.control('PUT', '/faults/joom-v3', { latencyMs: 150 });
    const outcomes = await Promise.all([joom.fulfillWithTracking(canonical(raw), command), joom.fulfillWithTracking(canonical(raw), command)]);
    await sandbox.control('DELETE', '/faults');
    expect(outcomes.map((o) => o.alreadyDone).sort()).toEqual([false, true]);
    expect(await effects(raw.id, 'fulfill')).toBe(1);
  });

  it('names the carrier by its shipper id: UPS, read once from GET /shippers, goes as `providerId`', async () => {
    const [a, b] = [await createOrder({ country: 'US' }), await createOrder({ country: 'US' })];
    const fresh = adapter();
    const since = await lastSeq();
    await fresh.fulfillWithTracking(canonical(a), { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    await fresh.fulfillWithTracking(canonical(b), { carrier: 'ups', trackingNumber: '1Z999AA10123456785' });
    const made = (await calls(since)).map((call) => `${call.method} ${call.path}`);
    expect(made.filter((call) => call === 'GET /api/v3/shippers')).toHaveLength(1);
    const shippers = await fetch(`${sandbox.url}/api/v3/shippers`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.joom}` } });
    const ups = ((await shippers.json()) as { data: { items: { id: string; name: string }[] } }).data.items.find((shipper) => shipper.name === 'UPS')!;
    for (const raw of [a, b]) {
      const remote = (await (await fetch(`${sandbox.url}/api/v3/orders?id=${raw.id}`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.joom}` } })).json()) as { data: JoomV3Order };
      expect(remote.data.shipment).toEqual(expect.objectContaining({ provider: 'UPS', providerId: ups.id }));
      expect(await effects(raw.id, 'fulfill')).toBe(1);
    }
  });

  it('refuses a carrier Joom has no shipper for before any order call', async () => {
    const raw = await createOrder();
    const since = await lastSeq();
    await expect(joom.fulfillWithTracking(canonical(raw), { carrier: 'Pigeon Express', trackingNumber: 'X1' })).rejects.toBeInstanceOf(InvalidCarrierError);
    expect((await calls(since)).map((call) => call.path).filter((path) => path !== '/api/v3/shippers')).toEqual([]);
    expect(await effects(raw.id, 'fulfill')).toBe(0);
  });

  it.each<[string, NewOrder, string, string]>([
    ['a cancelled order', { status: 'cancelled' }, 'DHL', 'Only approved orders can be fulfilled'],
    ['an onlineOnly order', { onlineShippingRequirement: 'onlineOnly' }, 'DHL', 'must be shipped online'],
    ['a carrier that does not serve the destination', { country: 'DE' }, 'SPSR', 'SPSR does not deliver to DE'],
  ])('refuses %s with the marketplace message', async (_what, params, carrier, message) => {
    const raw = await createOrder(params);
    const error = await failure(joom.fulfillWithTracking(canonical(raw), { carrier, trackingNumber: 'JD0001' }));
    expect(error).toBeInstanceOf(RemoteRefusedError);
    expect(error).toMatchObject({ httpStatus: 400 });
    expect(error.message).toContain(message);
    expect(await effects(raw.id, 'fulfill')).toBe(0);
  });
});

describe('fulfillOnline (orders/fulfillOnline)', () => {
  it('fulfils online once, with the label facts in details; again is alreadyDone with the same facts', async () => {
    const raw = await createOrder({ onlineShippingRequirement: 'onlineOnly' });
    const first = await joom.fulfillOnline(canonical(raw));
    expect(first.alreadyDone).toBe(false);
    expect(first.details).toEqual({ trackingNumber: expect.stringMatching(/^JL\d+$/), shippingOrderNumber: expect.any(String), shipperName: 'YunExpress' });
    expect(first.order?.snapshot).toMatchObject({ status: 'fulfilling', channelStatus: 'fulfilledOnline' });
    expect(first.order?.snapshot.fields.fulfillment).toMatchObject({
      provider: 'joom_logistics',
      providerOrderId: first.details?.shippingOrderNumber,
      shipments: [{ carrier: 'Joom Logistics', trackingNumber: first.details?.trackingNumber }],
    });

    const since = await lastSeq();
    const second = await joom.fulfillOnline(canonical(raw));
    expect((await calls(since)).map((call) => call.method)).toEqual(['GET']);
    expect(second).toMatchObject({ alreadyDone: true, details: first.details });
    expect(await effects(raw.id, 'fulfill_online')).toBe(1);

    const label = await joom.shippingLabel(raw.id);
    expect(label.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses an offlineOnly order with the marketplace message', async () => {
    const raw = await createOrder({ onlineShippingRequirement: 'offlineOnly' });
    const error = await failure(joom.fulfillOnline(canonical(raw)));
    expect(error).toBeInstanceOf(RemoteRefusedError);
    expect(error.message).toContain('cannot be shipped online');
  });

  it('refuses the label of an order not fulfilled online', async () => {
    const raw = await createOrder();
    expect((await failure(joom.shippingLabel(raw.id))).message).toContain('has no shipping label');
  });
});

describe('cancel and reject (orders/cancel)', () => {
  it('cancels once with the reason; again is alreadyDone', async () => {
    const raw = await createOrder();
    const first = await joom.cancel(canonical(raw), { reason: 'out_of_stock', note: 'Nous sommes désolés' });
    expect(first.order?.snapshot).toMatchObject({ status: 'cancelled', channelStatus: 'cancelled' });
    expect(first.order?.snapshot.fields.cancellation).toMatchObject({ reason: 'out_of_stock', requestedBy: 'merchant', note: 'Nous sommes désolés' });
    expect((await joom.cancel(canonical(raw), { reason: 'out_of_stock' })).alreadyDone).toBe(true);
    expect(await effects(raw.id, 'cancel')).toBe(1);
  });

  it('sends a reason Joom does not know as a note', async () => {
    const raw = await createOrder();
    const outcome = await joom.cancel(canonical(raw), { reason: 'customer_changed_mind' });
    expect(outcome.order?.snapshot.fields.cancellation).toMatchObject({ reason: 'cancelled', note: 'customer_changed_mind' });
  });

  it('treats an order Joom already cancelled (paidByJoomRefund) as done, sending nothing', async () => {
    const raw = await createOrder({ status: 'paidByJoomRefund' });
    const since = await lastSeq();
    const outcome = await joom.cancel(canonical(raw), { reason: 'out_of_stock' });
    expect(outcome.alreadyDone).toBe(true);
    expect((await calls(since)).map((call) => call.method)).toEqual(['GET']);
  });

  it('refuses to cancel a shipped order with the marketplace message', async () => {
    const raw = await createOrder({ status: 'shipped' });
    const error = await failure(joom.cancel(canonical(raw), { reason: 'out_of_stock' }));
    expect(error).toMatchObject({ httpStatus: 400, remoteCode: 'invalid_state' });
    expect(error.message).toContain('cannot be cancelled: it is shipped');
  });

  it('rejects the whole order (its one line); another line id is refused before any HTTP call', async () => {
    const raw = await createOrder();
    const since = await lastSeq();
    await expect(joom.reject(canonical(raw), { reason: 'out_of_stock', lineIds: ['ln_OTHER001'] })).rejects.toBeInstanceOf(LineNotFoundError);
    expect(await calls(since)).toEqual([]);
    const outcome = await joom.reject(canonical(raw), { reason: 'unable_to_fulfill' });
    expect(outcome).toMatchObject({ alreadyDone: false, details: { rejectedLineIds: [`ln_${raw.id}`] } });
    expect(outcome.order?.snapshot.fields.cancellation?.reason).toBe('unable_to_fulfill');
    expect(await effects(raw.id, 'cancel')).toBe(1);
  });
});

describe('modifyTracking (orders/modifyTracking)', () => {
  it('changes tracking once; again is alreadyDone', async () => {
    const raw = await createOrder();
    await joom.fulfillWithTracking(canonical(raw), { carrier: 'DHL', trackingNumber: 'JD0002' });
    const shipped = canonical(raw, { status: 'shipped' });
    const first = await joom.modifyTracking(shipped, { carrier: 'China Post', trackingNumber: 'RB123456785CN' });
    expect(first.order?.snapshot.fields.fulfillment?.shipments[0]).toMatchObject({ carrier: 'China Post', trackingNumber: 'RB123456785CN' });
    expect((await joom.modifyTracking(shipped, { carrier: '中国邮政', trackingNumber: 'RB123456785CN' })).alreadyDone).toBe(true);
    expect(await effects(raw.id, 'modify_tracking')).toBe(1);
  });

  it('refuses to modify an online shipment with the marketplace message', async () => {
    const raw = await createOrder({ onlineShippingRequirement: 'onlineOnly' });
    await joom.fulfillOnline(canonical(raw));
    await act('ship-online', { orderId: raw.id });
    const error = await failure(joom.modifyTracking(canonical(raw, { status: 'shipped' }), { carrier: 'DHL', trackingNumber: 'JD0003' }));
    expect(error).toBeInstanceOf(RemoteRefusedError);
    expect(error.message).toContain('Tracking can only be modified on orders shipped offline');
  });
});

describe('listChangedOrders (orders/multi)', () => {
  it('pages across boundaries with no skips and no duplicates, from durable cursors', async () => {
    await sandbox.control('POST', '/seed', { api: 'joom-v3', count: 30 });
    const { seen, pages } = await drain(null, 7);
    const ids = seen.map((order) => order.externalId);
    expect(pages).toBe(5);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    const listCalls = (await calls()).filter((call) => call.path === '/api/v3/orders/multi');
    expect(listCalls.every((call) => !('access_token' in call.query) && call.query.limit === '7')).toBe(true);
  });

  it('re-delivers an order changed after it was read, and reads a not-yet-read change once', async () => {
    await sandbox.control('POST', '/seed', { api: 'joom-v3', count: 20 });
    const first = await joom.listChangedOrders(null, { limit: 5 });
    const early = first.orders.find((order) => order.snapshot.channelStatus === 'approved') ?? first.orders[0];
    const everything = (await joom.listChangedOrders(null, { limit: 500 })).orders;
    const late = everything[12];
    await act('set-state', { orderId: early.externalId, state: 'cancelled' });
    await act('set-state', { orderId: late.externalId, state: 'returnDeclined' });

    const rest = await drain(first.nextCursor, 5);
    const all = [...first.orders, ...rest.seen];
    const counts = new Map<string, number>();
    for (const order of all) counts.set(order.externalId, (counts.get(order.externalId) ?? 0) + 1);
    expect(counts.size).toBe(20);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([[early.externalId, 2]]);
    expect(rest.seen.find((order) => order.externalId === early.externalId)?.snapshot.status).toBe('cancelled');
    expect(rest.seen.find((order) => order.externalId === late.externalId)?.snapshot).toMatchObject({ status: 'returned', fields: { returnOutcome: 'declined' } });
  });

  it('resumes from the newest update seen: only what changed since comes back', async () => {
    await sandbox.control('POST', '/seed', { api: 'joom-v3', count: 15 });
    const { resume } = await drain(null, 100);
    const fresh = await createOrder();
    const next = await joom.listChangedOrders(resume);
    expect(next.orders.map((order) => order.externalId)).toContain(fresh.id);
    expect(next.orders.length).toBeLessThan(16);

    const future = await joom.listChangedOrders(null, { since: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future).toMatchObject({ orders: [], nextCursor: null });
  });

  it('refuses a cursor issued for v2', async () => {
    const v2Cursor = Buffer.from(JSON.stringify({ v: 'v2', since: null, start: 0, seen: null, began: null })).toString('base64url');
    await expect(joom.listChangedOrders(v2Cursor)).rejects.toMatchObject({ code: 'invalid_cursor' });
  });

  it('refuses to follow a paging.next that points at another host', async () => {
    const elsewhere = await startSandbox({ SANDBOX_PUBLIC_ORIGIN: 'https://joom.attacker.example' });
    try {
      await elsewhere.control('POST', '/seed', { api: 'joom-v3', count: 6 });
      await expect(adapter({}, elsewhere).listChangedOrders(null, { limit: 2 })).rejects.toBeInstanceOf(UntrustedPagingLinkError);
    } finally {
      await elsewhere.stop();
    }
  });
});

describe('rate limits and faults', () => {
  afterEach(async () => {
    await sandbox.control('DELETE', '/faults');
  });

  it("turns Joom's own 429 into a transient error waiting X-Rate-Limit-Reset", async () => {
    await act('set-rate-limit', { listPerMinute: 1, windowSeconds: 40 });
    await adapter().listChangedOrders(null);
    // A fresh client has seen no quota headers, so it does not wait for the window (JO-8).
    const error = await failure(adapter().listChangedOrders(null));
    expect(error).toBeInstanceOf(RemoteTransientError);
    expect(error).toMatchObject({ code: 'marketplace_rate_limited', httpStatus: 429 });
    const wait = (error as RemoteTransientError).retryAfterMs!;
    expect(wait).toBeGreaterThan(30_000);
    expect(wait).toBeLessThanOrEqual(40_000);
    expect(error.message).toContain('Rate limit of 1 requests per minute exceeded');
  });

  it('paces list calls on X-Rate-Limit-Remaining / -Reset: a used-up window is waited out, not refused (JO-8)', async () => {
    await act('set-rate-limit', { listPerMinute: 1, windowSeconds: 2 });
    const paced = adapter();
    const since = await lastSeq();
    const started = Date.now();
    await paced.listChangedOrders(null);
    await paced.listChangedOrders(null);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect((await calls(since)).map((call) => call.status)).toEqual([200, 200]);
  });

  it('carries the reset of an injected 429', async () => {
    await sandbox.control('PUT', '/faults/joom-v3', { rateLimitRate: 1, retryAfterSeconds: 9 });
    expect(await failure(joom.getOrder('ZZZZ0000'))).toMatchObject({ code: 'marketplace_rate_limited', retryAfterMs: 9000 });
  });

  it.each([500, 502, 503])('classifies HTTP %i as transient', async (status) => {
    await sandbox.control('PUT', '/faults/joom-v3', { errorRate: 1, errorStatus: status });
    const error = await failure(joom.listChangedOrders(null));
    expect(error).toBeInstanceOf(RemoteTransientError);
    expect(error).toMatchObject({ code: 'remote_unavailable', httpStatus: status });
  });

  it('a transient failure leaves the command safe to retry: exactly one effect afterwards', async () => {
    const raw = await createOrder();
    await sandbox.control('PUT', '/faults/joom-v3', { dropRate: 1 });
    await expect(joom.fulfillWithTracking(canonical(raw), { carrier: 'DHL', trackingNumber: 'JD0004' })).rejects.toBeInstanceOf(RemoteTransientError);
    await sandbox.control('DELETE', '/faults');
    expect((await joom.fulfillWithTracking(canonical(raw), { carrier: 'DHL', trackingNumber: 'JD0004' })).alreadyDone).toBe(false);
    expect(await effects(raw.id, 'fulfill')).toBe(1);
  });
});
