import { RemoteNotFoundError, RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { CapabilityUnsupportedError, CanonicalOrder, LineNotFoundError } from '@app/orders';
import { buildLine, buildOrder } from '@app/orders/testing';
import { createJoomAdapter, InvalidCarrierError, JoomAdapterOptions, JoomV2Adapter, JoomV2Order } from '@app/joom';
import { drainChanges, observeSandbox } from '../support/sandbox-observer';
import { SANDBOX_TOKENS, SandboxHandle, startSandbox } from '../support/sandbox-process';

/**
 * Joom v2 adapter against the built sandbox over HTTP: every command of the
 * joom_v2 capability row, the documented refusals, idempotency (side-effect
 * ledger), offset paging across changing data, fault classification.
 */
let sandbox: SandboxHandle;
let joom: JoomV2Adapter;

function adapter(options: JoomAdapterOptions = {}, target = sandbox, token = SANDBOX_TOKENS.joom): JoomV2Adapter {
  return createJoomAdapter({ apiVersion: 'v2', baseUrl: target.url, accessToken: token, account: 'main' }, options) as JoomV2Adapter;
}

async function createOrder(params: { state?: string } = {}): Promise<JoomV2Order> {
  const { result } = await sandbox.control<{ result: { Order: JoomV2Order } }>('POST', '/joom-v2/actions/create-order', params);
  return result.Order;
}

/** The sandbox's raw order, as Joom would answer `order` (fields the mapper drops included). */
async function rawOrder(id: string): Promise<JoomV2Order> {
  const res = await fetch(`${sandbox.url}/api/v2/order?id=${id}`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.joom}` } });
  return ((await res.json()) as { data: { Order: JoomV2Order } }).data.Order;
}

/** The gateway's view of a Joom order: one line `ln_<order_id>`. */
function canonical(raw: JoomV2Order, overrides: Partial<CanonicalOrder> = {}): CanonicalOrder {
  return buildOrder({ externalId: raw.order_id, lines: [buildLine({ id: `ln_${raw.order_id}`, externalLineId: raw.order_id })], ...overrides });
}

const { effects, calls, lastSeq } = observeSandbox(() => sandbox, 'joom-v2');
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
  it('maps an order read by id, with the token only in the Authorization header', async () => {
    const raw = await createOrder();
    const order = await joom.getOrder(raw.order_id);
    expect(order.externalId).toBe(raw.order_id);
    expect(order.snapshot).toMatchObject({ status: 'ready', channelStatus: 'APPROVED', lines: [{ id: `ln_${raw.order_id}`, sku: raw.sku }] });
    expect(order.snapshot.fields.money?.total).toMatch(/^\d+\.\d{2}$/);
    const logged = await calls();
    expect(logged).toEqual([expect.objectContaining({ method: 'GET', path: '/api/v2/order', query: { id: raw.order_id } })]);
  });

  it("puts hours_to_fulfill, counted from the answer's Date, on shipBy: the same deadline on every read and page (JO-7)", async () => {
    const raw = await createOrder();
    const placed = Date.parse(`${raw.order_time}Z`);
    const window = 7 * 24 * 3_600_000; // the sandbox's fulfilment window
    const read = (await joom.getOrder(raw.order_id)).snapshot.fields.shippingConstraints?.shipBy;
    const listed = (await joom.listChangedOrders(null, { limit: 500 })).orders.find((o) => o.externalId === raw.order_id)?.snapshot.fields.shippingConstraints?.shipBy;
    // order_time and Date have whole seconds: at worst the hour before, never later.
    expect([new Date(placed + window).toISOString(), new Date(placed + window - 3_600_000).toISOString()]).toContain(read);
    expect(listed).toBe(read);
  });

  it('reads money on the payout basis in JOOM_CURRENCY: lines + shipping = total (JO-3, JO-4)', async () => {
    const raw = await createOrder();
    const { snapshot } = await adapter({ v2Currency: 'EUR' }).getOrder(raw.order_id);
    expect(snapshot.lines[0].unitPrice).toBe(Number(raw.cost).toFixed(2));
    expect(snapshot.fields.money).toEqual({ currency: 'EUR', total: Number(raw.order_total).toFixed(2), shipping: expect.any(String), discounts: '0.00' });
    const cents = (v: string | null) => Math.round(Number(v) * 100);
    expect(snapshot.lines[0].quantity * cents(snapshot.lines[0].unitPrice) + cents(snapshot.fields.money!.shipping)).toBe(cents(snapshot.fields.money!.total));
  });

  it("answers RemoteNotFoundError with Joom's message for an unknown order", async () => {
    await expect(joom.getOrder('ffffffffffffffffffffffff')).rejects.toBeInstanceOf(RemoteNotFoundError);
  });

  it('refuses a wrong token with the marketplace message', async () => {
    const error = await adapter({}, sandbox, 'wrong-token')
      .getOrder('ffffffffffffffffffffffff')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteRefusedError);
    expect(error).toMatchObject({ httpStatus: 401, remoteCode: '4000', message: expect.stringContaining('invalid access token') });
  });
});

describe('fulfillWithTracking (order/fulfill-one)', () => {
  it('fulfills once; the same command again is alreadyDone and changes nothing', async () => {
    const raw = await createOrder();
    const first = await joom.fulfillWithTracking(canonical(raw), { carrier: 'China Post (中国邮政)', trackingNumber: 'RB123456785CN' });
    expect(first).toMatchObject({ alreadyDone: false, requestId: null });
    expect(first.order?.snapshot).toMatchObject({ status: 'shipped', channelStatus: 'SHIPPED' });
    expect(first.order?.snapshot.fields.fulfillment).toMatchObject({ provider: 'merchant', shipments: [{ carrier: 'China Post', trackingNumber: 'RB123456785CN' }] });

    const since = await lastSeq();
    const second = await joom.fulfillWithTracking(canonical(raw), { carrier: 'China Post', trackingNumber: 'RB123456785CN' });
    expect(second.alreadyDone).toBe(true);
    expect((await calls(since)).map((call) => call.method)).toEqual(['GET']);
    expect(await effects(raw.order_id, 'fulfill')).toBe(1);
  });

  it('sends the Required shipping_time: "5-15" by default, the configured range otherwise (docs/api-decisions.md JO-1)', async () => {
    const [a, b] = [await createOrder(), await createOrder()];
    await joom.fulfillWithTracking(canonical(a), { carrier: 'DHL', trackingNumber: 'JD0101' });
    await adapter({ v2ShippingTime: '3-9' }).fulfillWithTracking(canonical(b), { carrier: 'DHL', trackingNumber: 'JD0102' });
    expect([(await rawOrder(a.order_id)).shipping_time, (await rawOrder(b.order_id)).shipping_time]).toEqual(['5-15', '3-9']);
    expect([await effects(a.order_id, 'fulfill'), await effects(b.order_id, 'fulfill')]).toEqual([1, 1]);
  });

  it('sends the parameters in the POST body, never in the URL', async () => {
    const raw = await createOrder();
    const since = await lastSeq();
    await joom.fulfillWithTracking(canonical(raw), { carrier: 'DHL', trackingNumber: 'JD0142', note: 'Merci' });
    const posted = (await calls(since)).filter((call) => call.method === 'POST');
    expect(posted).toEqual([expect.objectContaining({ path: '/api/v2/order/fulfill-one', query: {} })]);
    expect((await joom.getOrder(raw.order_id)).snapshot.fields.fulfillment?.shipments[0]).toMatchObject({ carrier: 'DHL', trackingNumber: 'JD0142' });
  });

  it('two concurrent duplicates cause exactly one effective fulfil', async () => {
    const raw = await createOrder();
    const command = { carrier: 'DHL', trackingNumber: 'JD0001' };
    // Latency makes both reads land before either send: the loser is refused and must re-read.
    await sandbox.control('PUT', '/faults/joom-v2', { latencyMs: 150 });
    const outcomes = await Promise.all([joom.fulfillWithTracking(canonical(raw), command), joom.fulfillWithTracking(canonical(raw), command)]);
    await sandbox.control('DELETE', '/faults');
    expect(outcomes.map((o) => o.alreadyDone).sort()).toEqual([false, true]);
    expect(await effects(raw.order_id, 'fulfill')).toBe(1);
  });

  it('refuses a carrier off the documented list before any HTTP call', async () => {
    const raw = await createOrder();
    const since = await lastSeq();
    const error = await joom.fulfillWithTracking(canonical(raw), { carrier: 'UPS', trackingNumber: '1Z999' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCarrierError);
    expect(error).toMatchObject({ code: 'invalid_carrier', carrier: 'UPS' });
    expect(await calls(since)).toEqual([]);
  });

  it('sends a carrier the table maps (JOOM_CARRIER_MAP UPS=USPS) under its Joom name', async () => {
    const raw = await createOrder();
    const mapped = adapter({ carrierMap: { UPS: 'USPS' } });
    await mapped.fulfillWithTracking(canonical(raw), { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    const after = await joom.getOrder(raw.order_id);
    expect(after.snapshot.status).toBe('shipped');
    expect(after.snapshot.fields.fulfillment?.shipments[0]).toEqual(expect.objectContaining({ carrier: 'USPS', trackingNumber: '1Z999AA10123456784' }));
    expect(await effects(raw.order_id, 'fulfill')).toBe(1);
  });

  it("the sandbox keeps to the document's list: UPS is refused with code 1000 / data 2003 on HTTP 200", async () => {
    const raw = await createOrder();
    const form = new URLSearchParams({ id: raw.order_id, tracking_provider: 'UPS', tracking_number: '1Z999', shipping_time: '5-10' });
    const res = await fetch(`${sandbox.url}/api/v2/order/fulfill-one`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${SANDBOX_TOKENS.joom}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(expect.objectContaining({ code: 1000, message: 'Tracking provider is not one of the accepted providers on Joom', data: 2003 }));
    expect(await effects(raw.order_id, 'fulfill')).toBe(0);
  });

  it.each([
    ['REQUIRE_REVIEW', 'Only APPROVED orders can be fulfilled'],
    ['REFUNDED', 'Only APPROVED orders can be fulfilled'],
  ])('refuses an order in %s with the marketplace message', async (state, message) => {
    const raw = await createOrder({ state });
    const error = await joom.fulfillWithTracking(canonical(raw), { carrier: 'DHL', trackingNumber: 'JD0002' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteRefusedError);
    expect((error as Error).message).toContain(message);
  });

  it('refuses an order already shipped with another tracking number', async () => {
    const raw = await createOrder();
    await sandbox.control('POST', '/joom-v2/actions/ship', { orderId: raw.order_id, trackingNumber: 'OTHER1' });
    const error = await joom.fulfillWithTracking(canonical(raw), { carrier: 'DHL', trackingNumber: 'JD0003' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteRefusedError);
    expect((error as Error).message).toContain('The order has already been fulfilled');
  });

  it('refuses a tracking number with spaces (HTTP 400, code 1000)', async () => {
    const raw = await createOrder();
    const error = await joom.fulfillWithTracking(canonical(raw), { carrier: 'DHL', trackingNumber: 'JD 0004' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ httpStatus: 400, remoteCode: '1000' });
    expect((error as Error).message).toContain('Tracking number should only contain alphanumeric characters');
  });
});

describe('fulfillOnline', () => {
  it('is not a v2 capability: refused before any HTTP call', async () => {
    const raw = await createOrder();
    const since = await lastSeq();
    await expect(joom.fulfillOnline(canonical(raw))).rejects.toBeInstanceOf(CapabilityUnsupportedError);
    expect(await calls(since)).toEqual([]);
  });
});

describe('cancel and reject (order/refund)', () => {
  it('cancels once with the documented reason code; again is alreadyDone', async () => {
    const raw = await createOrder();
    const first = await joom.cancel(canonical(raw), { reason: 'out_of_stock' });
    expect(first.alreadyDone).toBe(false);
    expect(first.order?.snapshot.status).toBe('cancelled');
    expect(first.order?.snapshot.fields.cancellation).toMatchObject({ reason: 'out_of_stock', requestedBy: 'merchant' });
    const since = await lastSeq();
    expect((await joom.cancel(canonical(raw), { reason: 'out_of_stock' })).alreadyDone).toBe(true);
    expect((await calls(since)).map((call) => call.method)).toEqual(['GET']);
    expect(await effects(raw.order_id, 'refund')).toBe(1);
  });

  it('sends any other reason as -1 with a reason note', async () => {
    const raw = await createOrder();
    const outcome = await joom.cancel(canonical(raw), { reason: 'customer_changed_mind' });
    expect(outcome.order?.snapshot.fields.cancellation).toMatchObject({ note: 'customer_changed_mind', requestedBy: 'merchant' });
  });

  it('rejects the whole order (its one line)', async () => {
    const raw = await createOrder();
    const outcome = await joom.reject(canonical(raw), { reason: 'unable_to_fulfill', lineIds: [`ln_${raw.order_id}`] });
    expect(outcome).toMatchObject({ alreadyDone: false, details: { rejectedLineIds: [`ln_${raw.order_id}`] } });
    expect(outcome.order?.snapshot.fields.cancellation?.reason).toBe('unable_to_fulfill');
    expect(await effects(raw.order_id, 'refund')).toBe(1);
  });

  it('refuses to reject a line the order does not have, before any HTTP call', async () => {
    const raw = await createOrder();
    const since = await lastSeq();
    await expect(joom.reject(canonical(raw), { reason: 'out_of_stock', lineIds: ['ln_someone-else'] })).rejects.toBeInstanceOf(LineNotFoundError);
    expect(await calls(since)).toEqual([]);
  });

  it('answers not-found for an order Joom does not have', async () => {
    const ghost = canonical({ order_id: 'eeeeeeeeeeeeeeeeeeeeeeee' } as JoomV2Order);
    await expect(joom.cancel(ghost, { reason: 'out_of_stock' })).rejects.toBeInstanceOf(RemoteNotFoundError);
  });
});

describe('modifyTracking (order/modify-tracking)', () => {
  it('changes tracking once; again is alreadyDone', async () => {
    const raw = await createOrder();
    await joom.fulfillWithTracking(canonical(raw), { carrier: 'DHL', trackingNumber: 'JD0005' });
    const shipped = canonical(raw, { status: 'shipped' });
    const first = await joom.modifyTracking(shipped, { carrier: 'EMS', trackingNumber: 'EE123456789CN' });
    expect(first.alreadyDone).toBe(false);
    expect(first.order?.snapshot.fields.fulfillment?.shipments[0]).toMatchObject({ carrier: 'EMS', trackingNumber: 'EE123456789CN' });
    expect((await joom.modifyTracking(shipped, { carrier: 'ems', trackingNumber: 'EE123456789CN' })).alreadyDone).toBe(true);
    expect(await effects(raw.order_id, 'modify_tracking')).toBe(1);
  });

  it('refuses an order that is not shipped, with the marketplace message', async () => {
    const raw = await createOrder();
    const error = await joom.modifyTracking(canonical(raw), { carrier: 'DHL', trackingNumber: 'JD0006' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteRefusedError);
    expect((error as Error).message).toContain('Tracking can only be modified on SHIPPED orders');
  });
});

describe('listChangedOrders (order/multi-get)', () => {
  it('pages across boundaries with no skips and no duplicates, from durable cursors', async () => {
    await sandbox.control('POST', '/seed', { api: 'joom-v2', count: 23 });
    const { seen, pages } = await drain(null, 5);
    const ids = seen.map((order) => order.externalId);
    expect(pages).toBe(5);
    expect(new Set(ids).size).toBe(23);
    const all = await joom.listChangedOrders(null, { limit: 500 });
    expect(all.nextCursor).toBeNull();
    expect(ids.sort()).toEqual(all.orders.map((order) => order.externalId).sort());
    const listCalls = (await calls()).filter((call) => call.path === '/api/v2/order/multi-get');
    expect(listCalls.every((call) => !('access_token' in call.query))).toBe(true);
  });

  it('loses no change made while paging: later pages carry it, the resume cursor catches earlier ones', async () => {
    await sandbox.control('POST', '/seed', { api: 'joom-v2', count: 20 });
    const firstPage = await joom.listChangedOrders(null, { limit: 5 });
    const early = firstPage.orders.find((order) => order.snapshot.channelStatus !== 'SHIPPED')!;
    const everything = (await joom.listChangedOrders(null, { limit: 500 })).orders;
    const late = everything.slice(15).find((order) => order.snapshot.channelStatus !== 'REFUNDED')!;

    await sandbox.control('POST', '/joom-v2/actions/ship', { orderId: early.externalId, trackingNumber: 'LATE1' });
    await sandbox.control('POST', '/joom-v2/actions/set-state', { orderId: late.externalId, state: 'REFUNDED' });
    const rest = await drain(firstPage.nextCursor, 5);
    const ids = [...firstPage.orders, ...rest.seen].map((order) => order.externalId);
    expect(new Set(ids).size).toBe(20);
    expect(ids).toHaveLength(20);
    expect(rest.seen.find((order) => order.externalId === late.externalId)?.snapshot.status).toBe('cancelled');

    const next = await joom.listChangedOrders(rest.resume, { limit: 500 });
    expect(next.orders.find((order) => order.externalId === early.externalId)?.snapshot.status).toBe('shipped');
    expect(next.orders.length).toBeLessThan(20);
  });

  it('resumes with new orders only after catching up, and honours `since`', async () => {
    await sandbox.control('POST', '/seed', { api: 'joom-v2', count: 12 });
    const { resume } = await drain(null, 50);
    const fresh = await createOrder();
    const next = await joom.listChangedOrders(resume);
    expect(next.orders.map((order) => order.externalId)).toContain(fresh.order_id);
    expect(next.orders.length).toBeLessThan(13);

    const future = await joom.listChangedOrders(null, { since: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future).toMatchObject({ orders: [], nextCursor: null });
  });

  it("pages by start + limit: paging.next on another host (the document's joom.it by default) only says there is more (docs/api-decisions.md JO-2)", async () => {
    const elsewhere = await startSandbox({ SANDBOX_JOOM_V2_PAGING_ORIGIN: 'http://joom.attacker.example' });
    try {
      await elsewhere.control('POST', '/seed', { api: 'joom-v2', count: 7 });
      const first = await adapter({}, elsewhere).listChangedOrders(null, { limit: 2 });
      expect(first.nextCursor).not.toBeNull();
      const { seen, pages } = await drainChanges(() => adapter({}, elsewhere), null, 2);
      expect([pages, new Set(seen.map((order) => order.externalId)).size]).toEqual([4, 7]);
    } finally {
      await elsewhere.stop();
    }
  });
});

describe('faults', () => {
  afterEach(async () => {
    await sandbox.control('DELETE', '/faults');
  });

  it.each([500, 503])('classifies HTTP %i as transient', async (status) => {
    await sandbox.control('PUT', '/faults/joom-v2', { errorRate: 1, errorStatus: status });
    const error = await joom.listChangedOrders(null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteTransientError);
    expect(error).toMatchObject({ code: 'remote_unavailable', httpStatus: status });
  });

  it('sends the quota headers on v2 too, and paces list calls on them: a used-up window is waited out, not refused (JO-8)', async () => {
    await sandbox.control('POST', '/joom-v2/actions/set-rate-limit', { listPerMinute: 1, windowSeconds: 2 });
    const paced = adapter();
    const since = await lastSeq();
    const started = Date.now();
    await paced.listChangedOrders(null);
    await paced.listChangedOrders(null);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect((await calls(since)).map((call) => call.status)).toEqual([200, 200]);
    // Without the pacer's knowledge, the same call is refused with the reset to wait.
    await adapter()
      .listChangedOrders(null)
      .catch(() => undefined);
    const error = await adapter()
      .listChangedOrders(null)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'marketplace_rate_limited', httpStatus: 429 });
    expect((error as RemoteTransientError).retryAfterMs).toBeGreaterThan(0);
  });

  it('classifies 429 as transient and carries Retry-After', async () => {
    await sandbox.control('PUT', '/faults/joom-v2', { rateLimitRate: 1, retryAfterSeconds: 7 });
    const error = await joom.getOrder('ffffffffffffffffffffffff').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteTransientError);
    expect(error).toMatchObject({ code: 'marketplace_rate_limited', retryAfterMs: 7000 });
  });

  it('classifies a dropped connection and a hung one (timeout) as transient', async () => {
    await sandbox.control('PUT', '/faults/joom-v2', { dropRate: 1 });
    await expect(joom.getOrder('ffffffffffffffffffffffff')).rejects.toBeInstanceOf(RemoteTransientError);
    await sandbox.control('PUT', '/faults/joom-v2', { hangRate: 1 });
    await expect(adapter({ timeoutMs: 300 }).getOrder('ffffffffffffffffffffffff')).rejects.toBeInstanceOf(RemoteTransientError);
  });

  it('a transient failure leaves the command safe to retry: exactly one effect afterwards', async () => {
    const raw = await createOrder();
    await sandbox.control('PUT', '/faults/joom-v2', { errorRate: 1, errorStatus: 502 });
    await expect(joom.cancel(canonical(raw), { reason: 'out_of_stock' })).rejects.toBeInstanceOf(RemoteTransientError);
    await sandbox.control('DELETE', '/faults');
    expect((await joom.cancel(canonical(raw), { reason: 'out_of_stock' })).alreadyDone).toBe(false);
    expect(await effects(raw.order_id, 'refund')).toBe(1);
  });
});
