import { AkinonAdapter, AkinonAdapterOptions, createAkinonAdapter } from '@app/akinon';
import { ChannelOrder, RemoteNotFoundError, RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import type { AkinonAuthHeader } from '@app/config';
import { CanonicalOrder, CapabilityUnsupportedError, LineNotFoundError, OrderStatus } from '@app/orders';
import { buildOrder } from '@app/orders/testing';
import { SANDBOX_TOKENS, SandboxHandle, startSandbox } from '../support/sandbox-process';

interface RawOrder {
  id: string;
  number: string;
  amount: string;
  status: number;
  date_placed: string;
}
interface RawItem {
  id: string;
  status: number;
  price: string;
}
interface Created {
  result: { order: RawOrder; items: RawItem[]; address: { first_name: string; last_name: string; postcode: string } };
}
interface Calls {
  count: number;
  calls: { seq: number; method: string; path: string; status: number | null; query: Record<string, string>; authHeaders: string[] }[];
}

describe('Akinon adapter against the sandbox', () => {
  let sandbox: SandboxHandle;
  let adapter: AkinonAdapter;

  const make = (options: AkinonAdapterOptions = {}, token = SANDBOX_TOKENS.akinon, authScheme: 'Bearer' | 'Token' = 'Bearer', authHeader: AkinonAuthHeader = 'both') =>
    createAkinonAdapter({ baseUrl: sandbox.url, apiToken: token, authScheme, authHeader, account: 'main' }, options);
  const act = <T>(action: string, params: unknown) => sandbox.control<T>('POST', `/akinon/actions/${action}`, params);
  const createOrder = (params: Record<string, unknown> = {}) => act<Created>('create-order', params).then((r) => r.result);
  const setItem = (itemId: string, status: number) => act('set-item-status', { itemId, status });
  const calls = () => sandbox.control<Calls>('GET', '/calls?api=akinon');
  const rejects = async (orderRef: string) => {
    const body = await sandbox.control<{ sideEffects: { kind: string; count: number }[] }>('GET', `/side-effects?api=akinon&orderRef=${orderRef}`);
    return body.sideEffects.filter((row) => row.kind === 'reject').reduce((sum, row) => sum + row.count, 0);
  };
  /** Every order id in the sandbox's listing order, read directly. */
  const rawOrderIds = async (): Promise<string[]> => {
    const response = await fetch(`${sandbox.url}/api/i1/orders/?limit=100`, { headers: { Authentication: `Bearer ${SANDBOX_TOKENS.akinon}` } });
    return ((await response.json()) as { results: RawOrder[] }).results.map((order) => order.id);
  };
  /** The gateway's view of a channel order, as the worker would hold it. */
  const canonical = (channelOrder: ChannelOrder): CanonicalOrder =>
    buildOrder({
      channel: 'akinon',
      externalId: channelOrder.externalId,
      externalNumber: channelOrder.snapshot.fields.externalNumber ?? null,
      status: channelOrder.snapshot.status as OrderStatus,
      lines: channelOrder.snapshot.lines.map((line) => ({ ...line, status: line.status as OrderStatus })),
    });

  beforeAll(async () => {
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '0' });
  });
  afterAll(async () => sandbox?.stop());
  beforeEach(async () => {
    await sandbox.control('POST', '/reset');
    adapter = make();
  });

  describe('reading', () => {
    it('joins order, items and shipping address into one canonical order in 3 calls, money exact', async () => {
      const { order, items, address } = await createOrder({
        currency: 'try',
        items: [
          { sku: 'ŞAL-İPEK', price: '0.10' },
          { sku: 'SP-B', price: '0.20' },
        ],
      });
      const before = await calls();
      const read = await adapter.getOrder(order.id, order.number);
      expect((await calls()).count - before.count).toBe(3);

      expect(read.externalId).toBe(order.id);
      expect(read.snapshot).toMatchObject({ status: 'ready', channelStatus: '200' });
      expect(read.snapshot.lines).toEqual([
        expect.objectContaining({ id: `ln_${items[0].id}`, externalLineId: items[0].id, sku: 'ŞAL-İPEK', unitPrice: '0.10', quantity: 1, status: 'ready', channelStatus: '200' }),
        expect.objectContaining({ id: `ln_${items[1].id}`, sku: 'SP-B', unitPrice: '0.20', status: 'ready' }),
      ]);
      expect(read.snapshot.fields.money).toMatchObject({ currency: 'TRY', total: order.amount, discounts: '0.00' });
      expect(read.snapshot.fields.externalNumber).toBe(order.number);
      expect(read.snapshot.fields.shippingAddress).toMatchObject({ name: `${address.first_name} ${address.last_name}`, postalCode: address.postcode });
      // Without a locations table the uuids stay unresolved and are reported, never guessed (AK-7).
      expect(read.snapshot.fields.shippingAddress).toMatchObject({ city: '', countryCode: '' });
      expect(read.snapshot.address?.missing).toEqual(expect.arrayContaining(['city', 'countryCode']));
      expect(read.snapshot.channelUpdatedAt).toEqual(expect.any(String));
    });

    it("resolves the sandbox's location uuids through its locations table (AK-6)", async () => {
      const { result: locations } = await act<{ result: { countries: Record<string, string>; cities: Record<string, string> } }>('locations', {});
      const { order, address } = await createOrder();
      const raw = address as unknown as { country: string; city: string; line: string };
      const read = await make({ locations: { townships: {}, districts: {}, ...locations } }).getOrder(order.id, order.number);
      expect(read.snapshot.fields.shippingAddress).toMatchObject({ city: locations.cities[raw.city], countryCode: locations.countries[raw.country] });
      expect(read.snapshot.fields.shippingAddress?.lines[0]).toBe(raw.line);
      expect(read.snapshot.address).toMatchObject({ missing: [], unresolved: {} });
    });

    it('gives every line its own status, shipments from item tracking', async () => {
      const { order, items } = await createOrder({ itemCount: 3 });
      await setItem(items[0].id, 500);
      await setItem(items[1].id, 900);
      const read = await adapter.getOrder(order.id, order.number);
      expect(read.snapshot.lines.map((line) => [line.status, line.channelStatus])).toEqual([
        ['shipped', '500'],
        ['rejected', '900'],
        ['ready', '200'],
      ]);
      expect(read.snapshot.fields.fulfillment).toMatchObject({ provider: 'merchant', shipments: [expect.objectContaining({ carrier: 'yurtici' })] });
    });

    it('reads, rejects and re-reads through documented routes only (docs/api-decisions.md AK-1)', async () => {
      const { order, items } = await createOrder({ itemCount: 2 });
      const before = await calls();
      const current = canonical(await adapter.getOrder(order.id, order.number));
      await adapter.reject(current, { reason: 'x', lineIds: [`ln_${items[0].id}`] });
      const made = (await calls()).calls.filter((call) => call.seq > (before.calls.at(-1)?.seq ?? 0));
      const documented = ['/api/i1/orders/', '/api/i1/order-items/', '/api/i1/customer-addresses/', `/api/i1/order-items/${items[0].id}/reject/`];
      expect(made.filter((call) => !documented.includes(call.path))).toEqual([]);
      expect(made.every((call) => call.status !== null && call.status < 300)).toBe(true);
      expect(made.filter((call) => call.path === '/api/i1/orders/').map((call) => call.query.number)).toEqual([order.number, order.number, order.number]);
    });

    it('keeps a channel clock for orders shaped like the document (no updated_at), moving as the order ships (AK-4)', async () => {
      const { order, items } = await createOrder({ itemCount: 1 });
      const raw = (await (await fetch(`${sandbox.url}/api/i1/orders/?number=${order.number}`, { headers: { Authentication: `Bearer ${SANDBOX_TOKENS.akinon}` } })).json()) as { results: object[] };
      expect(raw.results[0]).not.toHaveProperty('updated_at');
      const first = await adapter.getOrder(order.id, order.number);
      expect(first.snapshot.channelUpdatedAt).toBe(new Date(order.date_placed).toISOString());
      await setItem(items[0].id, 500);
      const shipped = await adapter.getOrder(order.id, order.number);
      expect(Date.parse(shipped.snapshot.channelUpdatedAt as string)).toBeGreaterThan(Date.parse(first.snapshot.channelUpdatedAt as string));

      await act('configure', { timestamps: 'implied' }); // a deployment that renders updated_at: it wins
      await setItem(items[0].id, 600);
      const delivered = await adapter.getOrder(order.id, order.number);
      const rendered = (await (await fetch(`${sandbox.url}/api/i1/orders/?number=${order.number}`, { headers: { Authentication: `Bearer ${SANDBOX_TOKENS.akinon}` } })).json()) as {
        results: { updated_at: string }[];
      };
      expect(delivered.snapshot.channelUpdatedAt).toBe(new Date(rendered.results[0].updated_at).toISOString());
    });

    it('answers an unknown order with RemoteNotFoundError', async () => {
      await expect(adapter.getOrder('00000000-0000-4000-8000-000000000000', '99999999')).rejects.toBeInstanceOf(RemoteNotFoundError);
    });

    it("refuses a bad token with Akinon's own message, and accepts the Token scheme", async () => {
      const { order } = await createOrder();
      const error = await make({}, 'wrong-token')
        .getOrder(order.id, order.number)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteRefusedError);
      expect(error).toMatchObject({ httpStatus: 401, message: expect.stringContaining('Invalid token.') });
      await expect(make({}, SANDBOX_TOKENS.akinon, 'Token').getOrder(order.id, order.number)).resolves.toMatchObject({ externalId: order.id });
    });

    it('sends the documented header on each route by default (both), and fails where a single name is not the documented one (AK-2)', async () => {
      const { order, items } = await createOrder({ itemCount: 3 });
      const before = await calls();
      const current = canonical(await adapter.getOrder(order.id, order.number));
      await adapter.reject(current, { reason: 'x', lineIds: [`ln_${items[0].id}`] });
      const made = (await calls()).calls.filter((call) => call.seq > (before.calls.at(-1)?.seq ?? 0));
      expect(made.filter((call) => call.method === 'GET').every((call) => call.authHeaders.includes('authentication'))).toBe(true);
      expect(made.filter((call) => call.method === 'POST').map((call) => call.authHeaders.includes('authorization'))).toEqual([true]);

      const onlyAuthorization = make({}, SANDBOX_TOKENS.akinon, 'Bearer', 'Authorization');
      await expect(onlyAuthorization.getOrder(order.id, order.number)).rejects.toMatchObject({ httpStatus: 401 });
      const onlyAuthentication = make({}, SANDBOX_TOKENS.akinon, 'Bearer', 'Authentication');
      const refused = await onlyAuthentication.reject(current, { reason: 'x', lineIds: [`ln_${items[1].id}`] }).catch((e: unknown) => e);
      expect((refused as RemoteRefusedError).httpStatus).toBe(401);

      await act('configure', { authHeaders: 'authorization' }); // a deployment that reads Authorization only
      await expect(onlyAuthorization.getOrder(order.id, order.number)).resolves.toMatchObject({ externalId: order.id });
      await expect(adapter.getOrder(order.id, order.number)).resolves.toMatchObject({ externalId: order.id });
    });

    it('surfaces a field error of the documented 400 shape', async () => {
      const error = await adapter.listChangedOrders(null, { since: 'not-a-date' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteRefusedError);
      expect((error as Error).message).toContain('updated_at__gte: Enter a valid date/time.');
    });
  });

  describe('listChangedOrders', () => {
    async function collect(first: string | null, limit: number, between?: (page: number) => Promise<void>) {
      const seen: ChannelOrder[] = [];
      let cursor = first;
      let pages = 0;
      let resume: string;
      do {
        const page = await adapter.listChangedOrders(cursor, { limit });
        seen.push(...page.orders);
        resume = page.resumeCursor;
        cursor = page.nextCursor;
        if (between) await between(++pages);
        if (pages > 100) throw new Error('paging did not end');
      } while (cursor);
      return { seen, resume };
    }

    // The document names no ordering; the sandbox lists in each of these (docs/api-decisions.md AK-5).
    it.each(['insertion', '-updated_at', 'shuffled'])('skips no order while orders change and arrive, listed in %s order, and the next run catches the changed ones', async (listOrder) => {
      adapter = make({ resumeOverlapMs: 0 });
      await sandbox.control('POST', '/seed', { api: 'akinon', count: 25, seed: 7 });
      await act('configure', { listOrder });
      const ids = await rawOrderIds();
      let added = '';
      const { seen, resume } = await collect(null, 10, async (page) => {
        if (page !== 1) return;
        await act('set-item-status', { orderId: ids[1], status: 900 });
        await act('set-item-status', { orderId: ids[22], status: 600 });
        added = (await createOrder()).order.id;
      });
      const seenIds = seen.map((order) => order.externalId);
      const changed = [ids[1], ids[22], added];
      expect(ids.filter((id) => !changed.includes(id) && !seenIds.includes(id))).toEqual([]);
      expect(new Set(seenIds).size).toBe(seenIds.length);

      const next = await adapter.listChangedOrders(resume);
      const nextIds = next.orders.map((order) => order.externalId);
      expect(changed.filter((id) => !nextIds.includes(id))).toEqual([]);
      expect(next.orders.find((order) => order.externalId === ids[1])?.snapshot.status).toBe('rejected');
      expect(next.orders.find((order) => order.externalId === ids[22])?.snapshot.channelStatus).toBe('600');
      const made = (await calls()).calls;
      expect(made.filter((call) => 'ordering' in call.query)).toEqual([]);
    });

    it('keeps HTTP calls per page bounded: window reads + one items read per order + one read per distinct address', async () => {
      await sandbox.control('POST', '/seed', { api: 'akinon', count: 12, seed: 3 });
      const before = await calls();
      const page = await adapter.listChangedOrders(null, { limit: 10 });
      const made = (await calls()).calls.filter((call) => call.seq > (before.calls.at(-1)?.seq ?? 0));
      expect(page.orders.length).toBeGreaterThan(0);
      expect(page.orders.length).toBeLessThanOrEqual(10);
      // Windows of updated_at are halved until one fits a page: a few dozen reads of counts at most, once per backlog.
      expect(made.filter((call) => call.path === '/api/i1/orders/').length).toBeLessThanOrEqual(60);
      expect(made.filter((call) => call.path === '/api/i1/order-items/')).toHaveLength(page.orders.length);
      expect(made.filter((call) => call.path === '/api/i1/customer-addresses/').length).toBeLessThanOrEqual(page.orders.length);
    });

    it('reads only orders updated since the given time', async () => {
      await sandbox.control('POST', '/seed', { api: 'akinon', count: 10, seed: 5 });
      const since = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const a = (await createOrder()).order.id;
      const b = (await createOrder()).order.id;
      const page = await adapter.listChangedOrders(null, { since, limit: 50 });
      expect(page.orders.map((order) => order.externalId)).toEqual([a, b]);
      expect(page.nextCursor).toBeNull();
    });

    it('finishes a stored run whose data was replaced meanwhile', async () => {
      await sandbox.control('POST', '/seed', { api: 'akinon', count: 25, seed: 7 });
      const first = await adapter.listChangedOrders(null, { limit: 10 });
      expect(first.nextCursor).not.toBeNull();
      await sandbox.control('POST', '/seed', { api: 'akinon', count: 5, seed: 7 });
      const rest = await collect(first.nextCursor, 10);
      expect(rest.seen.length).toBeLessThanOrEqual(5);
      expect(rest.resume).toEqual(expect.any(String));
    });
  });

  describe('cancellation plans', () => {
    it.each(['insertion', '-updated_at', 'shuffled'])('reads every plan by day, listed in %s order, with no ordering parameter', async (listOrder) => {
      await act('configure', { listOrder });
      const orders = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => createOrder({ itemCount: 1 })));
      const made: string[] = [];
      for (const { order } of orders) made.push((await act<{ result: { id: string } }>('create-cancellation-plan', { orderId: order.id })).result.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 60; pages++) {
        const page = await adapter.cancellationPlans.list(cursor, { limit: 2 });
        seen.push(...page.plans.map((plan) => plan.planId));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect([...made].sort()).toEqual([...new Set(seen)].sort());
      const queries = (await calls()).calls.filter((call) => call.path === '/api/i1/cancellation-plans/').map((call) => call.query);
      expect(queries.every((query) => !('ordering' in query) && 'created_at__date' in query)).toBe(true);
    });

    it('reads a waiting plan as cancelling and a completed one as cancelled', async () => {
      const { order, items } = await createOrder({ itemCount: 2 });
      const { result: plan } = await act<{ result: { id: string } }>('create-cancellation-plan', { orderId: order.id, status: 'waiting' });
      const first = await adapter.cancellationPlans.list(null);
      expect(first.plans).toEqual([expect.objectContaining({ externalOrderId: order.id, planId: plan.id, status: 'cancelling', itemIds: items.map((item) => item.id) })]);
      expect((await adapter.getOrder(order.id, order.number)).snapshot.lines.map((line) => line.status)).toEqual(['cancelling', 'cancelling']);

      await act('set-cancellation-plan-status', { planId: plan.id, status: 'completed' });
      const later = await adapter.cancellationPlans.list(first.resumeCursor);
      expect(later.plans[0]).toMatchObject({ planId: plan.id, status: 'cancelled', rawStatus: 'completed' });
      const one = await adapter.cancellationPlans.list(null, { externalOrderId: order.id });
      expect(one.plans.map((p) => p.planId)).toEqual([plan.id]);
    });
  });

  describe('commands', () => {
    it.each([
      ['fulfillWithTracking', (a: AkinonAdapter, o: CanonicalOrder) => a.fulfillWithTracking(o, { carrier: 'DHL', trackingNumber: 'T1' })],
      ['fulfillOnline', (a: AkinonAdapter, o: CanonicalOrder) => a.fulfillOnline(o)],
      ['modifyTracking', (a: AkinonAdapter, o: CanonicalOrder) => a.modifyTracking(o, { carrier: 'DHL', trackingNumber: 'T1' })],
    ])('%s is refused as unsupported before any HTTP call', async (_name, run) => {
      const { order } = await createOrder();
      const current = canonical(await adapter.getOrder(order.id, order.number));
      const before = (await calls()).count;
      await expect(run(adapter, current)).rejects.toBeInstanceOf(CapabilityUnsupportedError);
      expect((await calls()).count).toBe(before);
    });

    it('rejects one line once: the second call is alreadyDone and the ledger shows one effect', async () => {
      const { order, items } = await createOrder({ itemCount: 2 });
      const current = canonical(await adapter.getOrder(order.id, order.number));
      const first = await adapter.reject(current, { reason: 'out_of_stock', lineIds: [`ln_${items[0].id}`] });
      expect(first).toMatchObject({ alreadyDone: false, details: { rejectedLineIds: [`ln_${items[0].id}`] } });
      expect(first.order?.snapshot.lines.map((line) => line.status)).toEqual(['rejected', 'ready']);
      const second = await adapter.reject(current, { reason: 'out_of_stock', lineIds: [`ln_${items[0].id}`] });
      expect(second).toMatchObject({ alreadyDone: true, details: { alreadyDoneLineIds: [`ln_${items[0].id}`] } });
      expect(await rejects(order.id)).toBe(1);
    });

    it("refuses a packaged line with Akinon's message after rejecting the others", async () => {
      const { order, items } = await createOrder({ itemCount: 2 });
      await setItem(items[1].id, 400);
      const current = canonical(await adapter.getOrder(order.id, order.number));
      const error = await adapter.reject(current, { reason: 'x', lineIds: [`ln_${items[0].id}`, `ln_${items[1].id}`] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteRefusedError);
      expect(error).toMatchObject({ httpStatus: 406, remoteCode: 'non_field_errors', message: expect.stringContaining('Packaged order items cannot be rejected.') });
      expect((error as RemoteRefusedError).details).toMatchObject({
        rejectedLineIds: [`ln_${items[0].id}`],
        refused: [expect.objectContaining({ lineId: `ln_${items[1].id}`, itemStatus: 400 })],
      });
      expect(await rejects(order.id)).toBe(1);
    });

    it('refuses unknown line ids before any HTTP call', async () => {
      const { order } = await createOrder();
      const current = canonical(await adapter.getOrder(order.id, order.number));
      const before = (await calls()).count;
      await expect(adapter.reject(current, { reason: 'x', lineIds: ['ln_nope'] })).rejects.toBeInstanceOf(LineNotFoundError);
      expect((await calls()).count).toBe(before);
    });

    it('cancels by rejecting every item that still can be, reports the rest, and is alreadyDone the second time', async () => {
      const { order, items } = await createOrder({ itemCount: 3 });
      await setItem(items[2].id, 500);
      const current = canonical(await adapter.getOrder(order.id, order.number));
      const first = await adapter.cancel(current, { reason: 'customer_request' });
      expect(first).toMatchObject({
        alreadyDone: false,
        details: { rejectedLineIds: [`ln_${items[0].id}`, `ln_${items[1].id}`], notRejectable: [{ lineId: `ln_${items[2].id}`, itemStatus: 500 }] },
      });
      const second = await adapter.cancel(current, { reason: 'customer_request' });
      expect(second.alreadyDone).toBe(true);
      expect(await rejects(order.id)).toBe(2);
    });

    it('refuses a cancel when no item can be rejected any more, without sending a reject', async () => {
      const { order } = await createOrder({ itemCount: 2 });
      await act('set-item-status', { orderId: order.id, status: 400 });
      const current = canonical(await adapter.getOrder(order.id, order.number));
      const before = await calls();
      await expect(adapter.cancel(current, { reason: 'x' })).rejects.toBeInstanceOf(RemoteRefusedError);
      const made = (await calls()).calls.filter((call) => call.seq > (before.calls.at(-1)?.seq ?? 0));
      expect(made.filter((call) => call.method === 'POST')).toEqual([]);
      expect(await rejects(order.id)).toBe(0);
    });

    it('two concurrent cancels reject each item exactly once', async () => {
      const { order } = await createOrder({ itemCount: 2 });
      const current = canonical(await adapter.getOrder(order.id, order.number));
      const before = await calls();
      const outcomes = await Promise.all([adapter.cancel(current, { reason: 'x' }), make().cancel(current, { reason: 'x' })]);
      const posts = (await calls()).calls.filter((call) => call.seq > (before.calls.at(-1)?.seq ?? 0) && call.method === 'POST');
      // Usually both read before either posts: one of each pair is refused (406), re-read and counted as done;
      // when one reads after the other posted, it sends nothing. Either way no refusal is left over.
      expect(posts.filter((call) => call.status === 204)).toHaveLength(2);
      expect(outcomes.map((outcome) => outcome.details?.refused)).toEqual([[], []]);
      expect(outcomes.every((outcome) => outcome.order?.snapshot.lines.every((line) => line.status === 'rejected'))).toBe(true);
      expect(await rejects(order.id)).toBe(2);
    });

    it('a whole-order reject skips lines already gone and reports when there is nothing left', async () => {
      const { order, items } = await createOrder({ itemCount: 2 });
      await setItem(items[0].id, 900);
      const current = canonical(await adapter.getOrder(order.id, order.number));
      const outcome = await adapter.reject(current, { reason: 'x' });
      expect(outcome).toMatchObject({ alreadyDone: false, details: { rejectedLineIds: [`ln_${items[1].id}`], alreadyDoneLineIds: [`ln_${items[0].id}`] } });
      expect((await adapter.reject(current, { reason: 'x' })).alreadyDone).toBe(true);
      expect(await rejects(order.id)).toBe(1);
    });
  });

  describe('faults', () => {
    afterEach(async () => sandbox.control('DELETE', '/faults'));

    it("classifies 5xx as transient with Akinon's message", async () => {
      const { order } = await createOrder();
      await sandbox.control('PUT', '/faults/akinon', { errorRate: 1, errorStatus: 503 });
      const error = await adapter.getOrder(order.id, order.number).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteTransientError);
      expect(error).toMatchObject({ httpStatus: 503, code: 'remote_unavailable', message: expect.stringContaining('Injected fault') });
    });

    it('classifies 429 as rate limited with the Retry-After wait', async () => {
      await sandbox.control('PUT', '/faults/akinon', { rateLimitRate: 1, retryAfterSeconds: 7 });
      const error = await adapter.listChangedOrders(null).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteTransientError);
      expect(error).toMatchObject({ code: 'marketplace_rate_limited', retryAfterMs: 7000 });
    });

    it('treats a hung connection as transient after the timeout', async () => {
      await sandbox.control('PUT', '/faults/akinon', { hangRate: 1 });
      const error = await make({ timeoutMs: 300 })
        .listChangedOrders(null)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteTransientError);
    });

    it('a reject cut by a 5xx is finished by the retry without a second effect', async () => {
      const { order, items } = await createOrder({ itemCount: 2 });
      const current = canonical(await adapter.getOrder(order.id, order.number));
      await adapter.reject(current, { reason: 'x', lineIds: [`ln_${items[0].id}`] });
      await sandbox.control('PUT', '/faults/akinon', { errorRate: 1, errorStatus: 502 });
      await expect(adapter.reject(current, { reason: 'x' })).rejects.toBeInstanceOf(RemoteTransientError);
      await sandbox.control('DELETE', '/faults');
      const retried = await adapter.reject(current, { reason: 'x' });
      expect(retried.details).toMatchObject({ rejectedLineIds: [`ln_${items[1].id}`], alreadyDoneLineIds: [`ln_${items[0].id}`] });
      expect(await rejects(order.id)).toBe(2);
    });
  });
});
