import { ProviderOrder, RemoteNotFoundError, RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { FlexportConfig } from '@app/config';
import { createFlexportAdapter, FlexportAdapter, FlexportClient, FlexportOrderUnmappableError, FlexportPartMismatchError } from '@app/flexport';
import { CanonicalOrder, DomainError } from '@app/orders';
import { buildLine, buildOrder, DeepPartial } from '@app/orders/testing';
import { SANDBOX_TOKENS, SandboxHandle, startSandbox } from '../support/sandbox-process';

type Call = { seq: number; method: string; path: string; status: number | null; fault: string | null };
type SideEffect = { kind: string; count: number };

const API = '/logistics/api/2024-04';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
let counter = 0;

/** A fresh gateway order per test: unique id, non-ASCII address, two SKUs (one mapped), one rejected line. */
function gatewayOrder(overrides: DeepPartial<CanonicalOrder> = {}): CanonicalOrder {
  counter += 1;
  return buildOrder({
    id: `ord_${Date.now().toString(16)}${String(counter).padStart(8, '0')}`,
    channel: 'akinon',
    shippingAddress: {
      name: 'Şükrü Öztürk',
      lines: ['Bağdat Caddesi No: 12', 'D:3'],
      city: 'İstanbul',
      region: '34',
      postalCode: '34710',
      countryCode: 'TR',
      phone: '05551234567',
      email: 'sukru@example.com',
    },
    lines: [
      buildLine({ id: 'ln_1', sku: 'SKU-RED', quantity: 2 }),
      buildLine({ id: 'ln_2', sku: 'SKU-BLUE', quantity: 1 }),
      buildLine({ id: 'ln_3', sku: 'SKU-GONE', quantity: 4, status: 'rejected' }),
    ],
    shippingConstraints: { shipBy: inDays(2), deliverBy: inDays(7) },
    ...overrides,
  });
}

describe('Flexport adapter against the sandbox', () => {
  let sandbox: SandboxHandle;
  let config: FlexportConfig;
  let flexport: ReturnType<typeof createFlexportAdapter>;

  const act = (action: string, params: Record<string, unknown>) => sandbox.control('POST', `/flexport/actions/${action}`, params);
  const effects = async (orderRef: string): Promise<Record<string, number>> => {
    const { sideEffects } = await sandbox.control<{ sideEffects: SideEffect[] }>('GET', `/side-effects?api=flexport&orderRef=${encodeURIComponent(orderRef)}`);
    return Object.fromEntries(sideEffects.map((effect) => [effect.kind, effect.count]));
  };
  const calls = async (): Promise<Call[]> => (await sandbox.control<{ calls: Call[] }>('GET', '/calls?api=flexport')).calls;
  const faults = (body: Record<string, unknown>) => sandbox.control('PUT', '/faults/flexport', body);
  const raw = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${sandbox.url}${API}${path}`, {
      method,
      headers: { Authorization: `Bearer ${SANDBOX_TOKENS.flexport}`, 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const eventually = async (check: () => Promise<void>, timeoutMs = 5000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await check();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const rejection = async (promise: Promise<unknown>): Promise<any> =>
    promise.then(
      () => {
        throw new Error('expected a rejection');
      },
      (error: unknown) => error,
    );

  beforeAll(async () => {
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '0' });
    config = { baseUrl: `${sandbox.url}${API}`, apiToken: SANDBOX_TOKENS.flexport, account: 'main' };
    flexport = createFlexportAdapter(config, { skuMap: { 'SKU-RED': 'DSKU-RED' }, defaultShipMethod: 'standard' });
  });
  afterAll(async () => sandbox?.stop());
  beforeEach(async () => {
    await sandbox.control('POST', '/reset');
  });

  describe('createOrder', () => {
    it('creates the order from the canonical order, with the document field names', async () => {
      const order = gatewayOrder();
      const created = await flexport.createOrder(order);
      expect(created).toMatchObject({ externalOrderId: order.id, status: 'fulfilling', rawStatus: 'CREATED', shipments: [], error: null });
      expect(created.requestId).toEqual(expect.any(String));
      const stored = (await raw('GET', `/orders/${created.providerOrderId}`)).body;
      expect(stored.address).toEqual({
        address1: 'Bağdat Caddesi No: 12',
        address2: 'D:3',
        city: 'İstanbul',
        company: null,
        countryCode: 'TR',
        // "34" is not a subdivision code the gateway knows: left out (docs/api-decisions.md FX-4).
        name: 'Şükrü Öztürk',
        phone: '05551234567',
        provinceCode: null,
        zip: '34710',
      });
      // Outside the US every line declares its customs value: the line price in the order currency (FX-6).
      expect(stored.lineItems).toEqual([
        { logisticsSku: 'DSKU-RED', quantity: 2, customsUnitValue: { amount: 10, currencyCode: 'USD' } },
        { logisticsSku: 'SKU-BLUE', quantity: 1, customsUnitValue: { amount: 10, currencyCode: 'USD' } },
      ]);
      expect(Date.parse(stored.promisedShipByTime)).toBe(Date.parse(order.shippingConstraints.shipBy!));
      expect(Date.parse(stored.promisedDeliveryByTime)).toBe(Date.parse(order.shippingConstraints.deliverBy!));
      // No source unless configured (FX-5).
      expect(stored.source).toBeNull();
    });

    it('sends a US state name as its ISO 3166-2 code, and a configured source', async () => {
      const order = gatewayOrder({ shippingAddress: { countryCode: 'US', region: 'California', city: 'Los Angeles', postalCode: '90001' } });
      const withSource = createFlexportAdapter({ ...config, orderSource: 'WEBSITE' }, { skuMap: { 'SKU-RED': 'DSKU-RED' } });
      const stored = (await raw('GET', `/orders/${(await withSource.createOrder(order)).providerOrderId}`)).body;
      expect(stored.address).toMatchObject({ countryCode: 'US', provinceCode: 'CA' });
      expect(stored.source).toBe('WEBSITE');
    });

    it('surfaces the refusal of a source that is not one of the document’s (FX-5)', async () => {
      const order = gatewayOrder();
      const error = await rejection(createFlexportAdapter({ ...config, orderSource: 'JOOM' }).createOrder(order));
      expect(error).toBeInstanceOf(RemoteRefusedError);
      expect(error).toMatchObject({ httpStatus: 422 });
      expect(error.message).toContain('source must be one of SHOPIFY, AMAZON, WEBSITE, WALMART');
      expect(await effects(order.id)).toEqual({});
    });

    it('refuses locally a line without a price shipping outside the US, naming it (FX-6)', async () => {
      const order = gatewayOrder({ lines: [buildLine({ id: 'ln_free', sku: 'SKU-FREE', unitPrice: null as unknown as string })] });
      const error = await rejection(flexport.createOrder(order));
      expect(error).toBeInstanceOf(FlexportOrderUnmappableError);
      expect(error.message).toContain('lines[ln_free].unitPrice (sku SKU-FREE) is missing');
      expect(await calls()).toEqual([]);
    });

    it('sends a new attempt once Flexport cancelled the order, and treats the cancelled one found by the 409 as not created (FX-1, FX-3)', async () => {
      const order = gatewayOrder();
      const first = await flexport.createOrder(order);
      await raw('POST', `/orders/${first.providerOrderId}/cancel`, {});
      // The gateway's record says the attempt was cancelled: the next attempt goes out at once.
      const recorded = { ...order, fulfillment: { provider: 'flexport' as const, providerOrderId: first.providerOrderId, providerStatus: 'CANCELLED', shipments: [], attempt: 1 } };
      const second = await flexport.createOrder(recorded);
      expect(second).toMatchObject({ externalOrderId: `${order.id}-2`, attempt: 2, rawStatus: 'CREATED' });
      // A stale record (it still thinks attempt 1 is live): the replay is re-read, found cancelled, and attempt 2 is resolved — not a third order.
      const stale = await flexport.createOrder(order);
      expect(stale.providerOrderId).toBe(second.providerOrderId);
      expect(await effects(order.id)).toEqual({ flexport_order_created: 1, flexport_order_cancelled: 1 });
      expect(await effects(`${order.id}-2`)).toEqual({ flexport_order_created: 1 });
    });

    it('creating the same order twice makes one Flexport order (the idempotency key replays the first answer)', async () => {
      const order = gatewayOrder();
      const first = await flexport.createOrder(order);
      const second = await flexport.createOrder(order);
      expect(second.providerOrderId).toBe(first.providerOrderId);
      expect(await effects(order.id)).toEqual({ flexport_order_created: 1 });
      expect((await calls()).filter((call) => call.method === 'POST').map((call) => call.status)).toEqual([200, 200]);
    });

    it('a retry after a lost response finds the order the first attempt created', async () => {
      const order = gatewayOrder();
      // The first attempt reaches Flexport but its answer never comes back (the client gives up first).
      const impatient = new FlexportAdapter(FlexportClient.fromConfig(config, 200), { skuMap: { 'SKU-RED': 'DSKU-RED' }, defaultShipMethod: 'standard' });
      await faults({ latencyMs: 600 });
      const lost = await rejection(impatient.createOrder(order));
      expect(lost).toBeInstanceOf(RemoteTransientError);
      await eventually(async () => expect(await effects(order.id)).toEqual({ flexport_order_created: 1 }));
      await sandbox.control('DELETE', '/faults/flexport');
      const retried = await flexport.createOrder(order);
      expect(retried.externalOrderId).toBe(order.id);
      expect(await effects(order.id)).toEqual({ flexport_order_created: 1 });
      expect((await raw('GET', `/orders/external_id/${order.id}`)).body.id).toBe(retried.providerOrderId);
    });

    it('a retry whose body changed since the lost attempt (a new key, FX-2) meets the 409 and resolves to the existing order', async () => {
      const order = gatewayOrder();
      const first = await flexport.createOrder(order, { shipMethod: 'standard' });
      const again = await flexport.createOrder(order, { shipMethod: 'expedited' });
      expect(again.providerOrderId).toBe(first.providerOrderId);
      expect((await calls()).filter((call) => call.method === 'POST').map((call) => call.status)).toEqual([200, 409]);
      expect(await effects(order.id)).toEqual({ flexport_order_created: 1 });
    });

    it('a 409 duplicate externalOrderId (created without our key) with the same line items returns the existing order, never a second one', async () => {
      const order = gatewayOrder();
      const other = await raw('POST', '/orders', {
        externalOrderId: order.id,
        address: { address1: 'x', city: 'y', countryCode: 'TR', name: 'z' },
        lineItems: [
          { logisticsSku: 'DSKU-RED', quantity: 2, customsUnitValue: { amount: 1, currencyCode: 'TRY' } },
          { logisticsSku: 'SKU-BLUE', quantity: 1, customsUnitValue: { amount: 1, currencyCode: 'TRY' } },
        ],
      });
      const created = await flexport.createOrder(order);
      expect(created.providerOrderId).toBe(other.body.id);
      expect((await calls()).map((call) => `${call.method} ${call.status}`)).toEqual(['POST 200', 'POST 409', 'GET 200']);
      expect(await effects(order.id)).toEqual({ flexport_order_created: 1 });
    });

    it('a 409 duplicate externalOrderId holding other line items is refused, naming that order: nothing adopted, never a second one (FX-9)', async () => {
      const order = gatewayOrder();
      const other = await raw('POST', '/orders', {
        externalOrderId: order.id,
        address: { address1: 'x', city: 'y', countryCode: 'TR', name: 'z' },
        lineItems: [{ logisticsSku: 'A', quantity: 1, customsUnitValue: { amount: 1, currencyCode: 'TRY' } }],
      });
      const error = await rejection(flexport.createOrder(order));
      expect(error).toBeInstanceOf(FlexportPartMismatchError);
      expect(error.message).toContain(`Flexport order ${other.body.id}`);
      expect(await effects(order.id)).toEqual({ flexport_order_created: 1 });
    });

    it('surfaces a validation refusal (422) with Flexport’s own detail and creates nothing', async () => {
      const order = gatewayOrder({ shippingAddress: { countryCode: 'TUR' } });
      const error = await rejection(flexport.createOrder(order));
      expect(error).toBeInstanceOf(RemoteRefusedError);
      expect(error).toMatchObject({ httpStatus: 422 });
      expect(error.message).toContain('address.countryCode must be an ISO 3166-1 alpha-2 code');
      expect(await effects(order.id)).toEqual({});
    });

    it('refuses an order it cannot map before any HTTP call', async () => {
      const error = await rejection(flexport.createOrder(gatewayOrder({ shippingAddress: null })));
      expect(error).toBeInstanceOf(FlexportOrderUnmappableError);
      expect(error).toBeInstanceOf(DomainError);
      expect(await calls()).toEqual([]);
    });
  });

  describe('reading', () => {
    it('maps a shipped order’s label to shipments (carrier, tracking number and URL, times), then delivery', async () => {
      const order = gatewayOrder();
      const created = await flexport.createOrder(order);
      await act('ship', { orderId: created.providerOrderId });
      const label = (await raw('GET', `/orders/${created.providerOrderId}`)).body.shipments[0].packages[0].label;
      const shipped = await flexport.getOrder(created.providerOrderId);
      expect(shipped).toMatchObject({ status: 'shipped', rawStatus: 'SHIPPED', error: null });
      expect(shipped.shipments).toEqual([{ carrier: label.carrier, trackingNumber: label.trackingCode, trackingUrl: label.trackingUrl, shippedAt: expect.any(String), deliveredAt: null }]);
      expect(label.trackingCode).toEqual(expect.any(String));
      expect(await flexport.findByExternalId(order.id)).toMatchObject({ providerOrderId: created.providerOrderId, shipments: shipped.shipments });

      await act('deliver', { orderId: created.providerOrderId });
      const delivered = await flexport.getOrder(created.providerOrderId);
      expect(delivered.status).toBe('delivered');
      expect(delivered.shipments[0].deliveredAt).toEqual(expect.any(String));
    });

    it('answers null for an unknown external id and not-found for an unknown order id', async () => {
      expect(await flexport.findByExternalId('ord_nobody')).toBeNull();
      expect(await rejection(flexport.getOrder('999999'))).toBeInstanceOf(RemoteNotFoundError);
    });

    it('carries the response x-correlation-id as requestId', async () => {
      const created = await flexport.createOrder(gatewayOrder());
      const read = await flexport.getOrder(created.providerOrderId);
      expect(read.requestId).toMatch(/\S/);
      expect(read.requestId).not.toBe(created.requestId);
    });
  });

  describe('errors and retry', () => {
    async function failed(type: string, retriable?: boolean): Promise<{ order: CanonicalOrder; created: ProviderOrder }> {
      const order = gatewayOrder();
      const created = await flexport.createOrder(order);
      await act('fail', { orderId: created.providerOrderId, type, ...(retriable === undefined ? {} : { retriable }) });
      return { order, created };
    }

    it('maps a STOCKOUT failure to fulfilling with the error set', async () => {
      const { created } = await failed('STOCKOUT');
      const read = await flexport.getOrder(created.providerOrderId);
      expect(read).toMatchObject({ status: 'fulfilling', rawStatus: 'ERROR' });
      expect(read.error).toEqual({ type: 'STOCKOUT', code: '1001', message: 'Insufficient inventory to fulfill the order (logisticsSku: DSKU-RED)', retriable: true });
    });

    it('retries a failed order once; retrying again sends nothing; a later failure can be retried again', async () => {
      const { order, created } = await failed('STOCKOUT');
      const retried = await flexport.retry(created.providerOrderId);
      expect(retried).toMatchObject({ status: 'fulfilling', rawStatus: 'CREATED', error: null });
      const again = await flexport.retry(created.providerOrderId);
      expect(again.rawStatus).toBe('CREATED');
      expect((await calls()).filter((call) => call.path.endsWith('/retry'))).toHaveLength(1);
      expect(await effects(order.id)).toMatchObject({ flexport_order_retried: 1 });

      await act('fail', { orderId: created.providerOrderId, type: 'INVENTORY_ERR' });
      expect((await flexport.retry(created.providerOrderId)).rawStatus).toBe('CREATED');
      expect(await effects(order.id)).toMatchObject({ flexport_order_retried: 2 });
    });

    it('two concurrent retries of the same failure retry it once', async () => {
      const { order, created } = await failed('INVENTORY_ERR');
      const results = await Promise.all([flexport.retry(created.providerOrderId), flexport.retry(created.providerOrderId)]);
      expect(results.map((result) => result.rawStatus)).toEqual(['CREATED', 'CREATED']);
      expect(await effects(order.id)).toMatchObject({ flexport_order_retried: 1 });
    });

    it('surfaces Flexport’s refusal to retry a non-retriable failure', async () => {
      const { created } = await failed('BAD_ADDRESS');
      const error = await rejection(flexport.retry(created.providerOrderId));
      expect(error).toBeInstanceOf(RemoteRefusedError);
      expect(error).toMatchObject({ httpStatus: 400 });
      expect(error.message).toContain('failed with BAD_ADDRESS, which is not retriable');
    });
  });

  describe('cancel', () => {
    it('cancels before shipping once; cancelling again sends nothing and returns the cancelled order', async () => {
      const order = gatewayOrder();
      const created = await flexport.createOrder(order);
      const cancelled = await flexport.cancel(created.providerOrderId, 'customer_request');
      expect(cancelled).toMatchObject({ status: 'cancelled', rawStatus: 'CANCELLED' });
      const again = await flexport.cancel(created.providerOrderId, 'customer_request');
      expect(again.status).toBe('cancelled');
      expect((await calls()).filter((call) => call.path.endsWith('/cancel'))).toHaveLength(1);
      expect(await effects(order.id)).toMatchObject({ flexport_order_cancelled: 1 });
    });

    it('two concurrent cancels cancel once', async () => {
      const order = gatewayOrder();
      const created = await flexport.createOrder(order);
      const results = await Promise.all([flexport.cancel(created.providerOrderId, 'x'), flexport.cancel(created.providerOrderId, 'x')]);
      expect(results.map((result) => result.status)).toEqual(['cancelled', 'cancelled']);
      expect(await effects(order.id)).toMatchObject({ flexport_order_cancelled: 1 });
    });

    it('cancels a failed order', async () => {
      const order = gatewayOrder();
      const created = await flexport.createOrder(order);
      await act('fail', { orderId: created.providerOrderId, type: 'UNSUPPORTED_DESTINATION' });
      expect(await flexport.cancel(created.providerOrderId)).toMatchObject({ status: 'cancelled', error: null });
    });

    it('after shipping, surfaces Flexport’s refusal with its own detail and changes nothing', async () => {
      const order = gatewayOrder();
      const created = await flexport.createOrder(order);
      await act('ship', { orderId: created.providerOrderId });
      const error = await rejection(flexport.cancel(created.providerOrderId, 'customer_request'));
      expect(error).toBeInstanceOf(RemoteRefusedError);
      expect(error).toMatchObject({ httpStatus: 400, code: 'remote_refused' });
      expect(error.message).toContain('is no longer in a valid state to be cancelled');
      expect((await flexport.getOrder(created.providerOrderId)).status).toBe('shipped');
      expect(await effects(order.id)).not.toHaveProperty('flexport_order_cancelled');
    });
  });

  describe('failures', () => {
    it('classifies 5xx as transient, keeping Flexport’s problem detail', async () => {
      await faults({ errorRate: 1, errorStatus: 503 });
      const error = await rejection(flexport.getOrder('1'));
      expect(error).toBeInstanceOf(RemoteTransientError);
      expect(error).toMatchObject({ httpStatus: 503, code: 'remote_unavailable' });
      expect(error.message).toContain('Injected fault: HTTP 503');
    });

    it('classifies 429 as transient with the Retry-After wait, and a later create still makes one order', async () => {
      const order = gatewayOrder();
      await faults({ rateLimitRate: 1, retryAfterSeconds: 7 });
      const error = await rejection(flexport.createOrder(order));
      expect(error).toBeInstanceOf(RemoteTransientError);
      expect(error).toMatchObject({ httpStatus: 429, code: 'marketplace_rate_limited', retryAfterMs: 7000 });
      await sandbox.control('DELETE', '/faults/flexport');
      await flexport.createOrder(order);
      await flexport.createOrder(order);
      expect(await effects(order.id)).toEqual({ flexport_order_created: 1 });
    });

    it('treats 423 (account locked) as permanent', async () => {
      await faults({ errorRate: 1, errorStatus: 423 });
      const error = await rejection(flexport.createOrder(gatewayOrder()));
      expect(error).toBeInstanceOf(RemoteRefusedError);
      expect(error).toMatchObject({ httpStatus: 423 });
    });

    it('treats a dropped connection as transient', async () => {
      await faults({ dropRate: 1 });
      expect(await rejection(flexport.getOrder('1'))).toBeInstanceOf(RemoteTransientError);
    });

    it('refuses a wrong token with Flexport’s message (and never puts the token in the URL)', async () => {
      const intruder = createFlexportAdapter({ ...config, apiToken: 'wrong-token' });
      const error = await rejection(intruder.getOrder('1'));
      expect(error).toBeInstanceOf(RemoteRefusedError);
      expect(error).toMatchObject({ httpStatus: 401 });
      expect(error.message).toContain('Invalid access token');
      expect(JSON.stringify(await calls())).not.toContain('wrong-token');
    });
  });
});
