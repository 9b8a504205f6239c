import { RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { buildLine, buildOrder } from '@app/orders/testing';
import { FlexportAdapter } from './flexport.adapter';
import { FlexportClient, FlexportResult } from './flexport.client';
import { docOrderExample } from './testing/flexport-doc-examples';
import { toCreateOrderRequest } from './flexport.mapper';
import { FlexportPartMismatchError } from './flexport.errors';
import { CanonicalOrder } from '@app/orders';

/** Branches the sandbox cannot produce on demand, with a stubbed client. */
function stubClient(overrides: Partial<Record<keyof FlexportClient, jest.Mock>>): FlexportClient {
  return overrides as unknown as FlexportClient;
}

const result = (internalStatus: string, externalOrderId = 'string', replayed = false, lineItems?: FlexportResult['order']['lineItems']): FlexportResult => {
  const order = docOrderExample();
  order.state.internalStatus = internalStatus;
  order.externalOrderId = externalOrderId;
  if (lineItems) order.lineItems = lineItems;
  return { order, requestId: 'corr', replayed };
};
const refused = (status: number, message = 'refused') => new RemoteRefusedError('flexport', message, status, null);

describe('FlexportAdapter (stubbed client)', () => {
  const order = buildOrder({ id: 'ord_0123456789abcdef01234567' });

  it('a 409 whose order cannot be found yet is transient (retry later), not a permanent refusal', async () => {
    const adapter = new FlexportAdapter(stubClient({ createOrder: jest.fn().mockRejectedValue(refused(409)), findByExternalId: jest.fn().mockResolvedValue(null) }));
    await expect(adapter.createOrder(order)).rejects.toBeInstanceOf(RemoteTransientError);
  });

  it('a 409 whose look-up fails transiently keeps the transient error', async () => {
    const lookup = new RemoteTransientError('flexport', 'down', 503, null);
    const adapter = new FlexportAdapter(stubClient({ createOrder: jest.fn().mockRejectedValue(refused(409)), findByExternalId: jest.fn().mockRejectedValue(lookup) }));
    await expect(adapter.createOrder(order)).rejects.toBe(lookup);
  });

  it('another refusal keeps Flexport’s error when the look-up fails or finds nothing', async () => {
    const refusal = refused(422, 'lineItems[0].quantity must be at least 1');
    const failing = new FlexportAdapter(stubClient({ createOrder: jest.fn().mockRejectedValue(refusal), findByExternalId: jest.fn().mockRejectedValue(new Error('x')) }));
    await expect(failing.createOrder(order)).rejects.toBe(refusal);
    const empty = new FlexportAdapter(stubClient({ createOrder: jest.fn().mockRejectedValue(refusal), findByExternalId: jest.fn().mockResolvedValue(null) }));
    await expect(empty.createOrder(order)).rejects.toBe(refusal);
  });

  it('a refused cancel is success when a re-read shows the order cancelled (a concurrent duplicate did it)', async () => {
    const getOrder = jest.fn().mockResolvedValueOnce(result('CREATED')).mockResolvedValueOnce(result('CANCELLED'));
    const adapter = new FlexportAdapter(stubClient({ getOrder, cancel: jest.fn().mockRejectedValue(refused(400)) }));
    await expect(adapter.cancel('1')).resolves.toMatchObject({ status: 'cancelled' });
  });

  it('a refused cancel keeps Flexport’s error when the re-read fails', async () => {
    const refusal = refused(400, 'no longer in a valid state');
    const getOrder = jest.fn().mockResolvedValueOnce(result('SHIPPED')).mockRejectedValueOnce(new Error('x'));
    const adapter = new FlexportAdapter(stubClient({ getOrder, cancel: jest.fn().mockRejectedValue(refusal) }));
    await expect(adapter.cancel('1')).rejects.toBe(refusal);
  });

  it('does not resolve transient failures by reading: they are rethrown for the worker to retry', async () => {
    const down = new RemoteTransientError('flexport', 'down', 502, null);
    const findByExternalId = jest.fn();
    const adapter = new FlexportAdapter(stubClient({ createOrder: jest.fn().mockRejectedValue(down), findByExternalId }));
    await expect(adapter.createOrder(order)).rejects.toBe(down);
    expect(findByExternalId).not.toHaveBeenCalled();
  });

  describe('fulfilment attempts (docs/api-decisions.md FX-1, FX-3)', () => {
    const ID = 'ord_0123456789abcdef01234567';
    const sent = (createOrder: jest.Mock) => createOrder.mock.calls.map(([body, key]) => ({ externalOrderId: body.externalOrderId, key }));
    const itemsOf = (order: CanonicalOrder, lineIds?: string[]) => toCreateOrderRequest(order, { lineIds }).lineItems.map(({ logisticsSku, quantity }) => ({ logisticsSku, quantity }));
    const cancelledAt = (attempt: number) => buildOrder({ id: ID, status: 'ready', fulfillment: { provider: 'flexport', providerOrderId: '1', providerStatus: 'CANCELLED', shipments: [], attempt } });

    it('sends the bare gateway id first, and the next attempt once Flexport cancelled the recorded one', async () => {
      const createOrder = jest.fn().mockImplementation(async (body) => result('CREATED', body.externalOrderId));
      const adapter = new FlexportAdapter(stubClient({ createOrder }));
      expect(await adapter.createOrder(buildOrder({ id: ID }))).toMatchObject({ externalOrderId: ID, attempt: 1 });
      expect(await adapter.createOrder(cancelledAt(1))).toMatchObject({ externalOrderId: `${ID}-2`, attempt: 2 });
      expect(sent(createOrder).map((call) => call.externalOrderId)).toEqual([ID, `${ID}-2`]);
      expect(sent(createOrder)[0].key).not.toBe(sent(createOrder)[1].key);
    });

    it('repeats the same attempt with the same key (a retried job)', async () => {
      const createOrder = jest.fn().mockImplementation(async (body) => result('CREATED', body.externalOrderId));
      const adapter = new FlexportAdapter(stubClient({ createOrder }));
      await adapter.createOrder(cancelledAt(1));
      await adapter.createOrder(cancelledAt(1));
      expect(sent(createOrder)[0]).toEqual(sent(createOrder)[1]);
    });

    it('treats a CANCELLED order found by the 409 look-up as not created and sends the next attempt', async () => {
      const createOrder = jest
        .fn()
        .mockRejectedValueOnce(refused(409))
        .mockImplementation(async (body) => result('CREATED', body.externalOrderId));
      const findByExternalId = jest.fn().mockResolvedValue(result('CANCELLED', `${ID}-2`));
      const adapter = new FlexportAdapter(stubClient({ createOrder, findByExternalId }));
      expect(await adapter.createOrder(cancelledAt(1))).toMatchObject({ status: 'fulfilling', externalOrderId: `${ID}-3`, attempt: 3 });
      expect(findByExternalId).toHaveBeenCalledWith(`${ID}-2`);
    });

    it('returns a live order found by the 409 look-up as the created one (nothing sent twice)', async () => {
      const createOrder = jest.fn().mockRejectedValue(refused(409));
      const findByExternalId = jest.fn().mockResolvedValue(result('CREATED', `${ID}-2`, false, itemsOf(cancelledAt(1))));
      const adapter = new FlexportAdapter(stubClient({ createOrder, findByExternalId }));
      expect(await adapter.createOrder(cancelledAt(1))).toMatchObject({ status: 'fulfilling', externalOrderId: `${ID}-2` });
      expect(createOrder).toHaveBeenCalledTimes(1);
    });

    it('reads a replayed answer again (idempotent-replayed) and moves on when the order is cancelled by now', async () => {
      const createOrder = jest
        .fn()
        .mockResolvedValueOnce(result('CREATED', ID, true))
        .mockImplementation(async (body) => result('CREATED', body.externalOrderId));
      const getOrder = jest.fn().mockResolvedValue(result('CANCELLED', ID));
      const adapter = new FlexportAdapter(stubClient({ createOrder, getOrder }));
      expect(await adapter.createOrder(buildOrder({ id: ID }))).toMatchObject({ externalOrderId: `${ID}-2` });
      expect(getOrder).toHaveBeenCalledTimes(1);
    });

    it('a replayed answer whose order is still live is that order, as it is now', async () => {
      const createOrder = jest.fn().mockResolvedValue(result('CREATED', ID, true));
      const getOrder = jest.fn().mockResolvedValue(result('SHIPPED', ID, false, itemsOf(buildOrder({ id: ID }))));
      const adapter = new FlexportAdapter(stubClient({ createOrder, getOrder }));
      expect(await adapter.createOrder(buildOrder({ id: ID }))).toMatchObject({ status: 'shipped', rawStatus: 'SHIPPED' });
      expect(createOrder).toHaveBeenCalledTimes(1);
    });

    it('a refusal whose look-up finds only a cancelled order keeps Flexport’s reason', async () => {
      const refusal = refused(422, 'address.countryCode must be an ISO 3166-1 alpha-2 code');
      const adapter = new FlexportAdapter(stubClient({ createOrder: jest.fn().mockRejectedValue(refusal), findByExternalId: jest.fn().mockResolvedValue(result('CANCELLED', ID)) }));
      await expect(adapter.createOrder(buildOrder({ id: ID }))).rejects.toBe(refusal);
    });

    describe('parts (docs/api-decisions.md FX-9)', () => {
      const twoLines = (overrides: Partial<CanonicalOrder> = {}) =>
        buildOrder({ id: ID, status: 'ready', lines: [buildLine({ id: 'L1', sku: 'SKU-1' }), buildLine({ id: 'L2', sku: 'SKU-2' })], ...overrides });

      it('refuses an order found by the 409 look-up that holds other lines (a lost create for L1), naming it, instead of recording it as L2', async () => {
        const createOrder = jest.fn().mockRejectedValue(refused(409));
        const findByExternalId = jest
          .fn()
          .mockResolvedValue({ ...result('CREATED', ID, false, itemsOf(twoLines(), ['L1'])), order: { ...result('CREATED', ID, false, itemsOf(twoLines(), ['L1'])).order, id: 'fx-orphan' } });
        const adapter = new FlexportAdapter(stubClient({ createOrder, findByExternalId }));
        const failure = adapter.createOrder(twoLines(), { lineIds: ['L2'] });
        await expect(failure).rejects.toBeInstanceOf(FlexportPartMismatchError);
        await expect(failure).rejects.toMatchObject({ code: 'fulfillment_error', message: expect.stringContaining('fx-orphan') });
      });

      it('refuses a replayed answer whose order holds other lines', async () => {
        const createOrder = jest.fn().mockResolvedValue(result('CREATED', ID, true));
        const getOrder = jest.fn().mockResolvedValue(result('CREATED', ID, false, itemsOf(twoLines(), ['L1'])));
        const adapter = new FlexportAdapter(stubClient({ createOrder, getOrder }));
        await expect(adapter.createOrder(twoLines())).rejects.toMatchObject({ code: 'fulfillment_error' });
      });

      it('after a cancelled attempt, steps over the numbers other parts hold', async () => {
        const part = (attempt: number, lineId: string) => ({ attempt, providerOrderId: `fx-${attempt}`, providerStatus: 'CREATED', lineIds: [lineId], shipments: [] });
        const order = twoLines({
          lines: [buildLine({ id: 'L1', sku: 'SKU-1' }), buildLine({ id: 'L2', sku: 'SKU-2', status: 'fulfilling' })],
          fulfillment: { provider: 'flexport', providerOrderId: 'fx-2', providerStatus: 'CREATED', shipments: [], attempt: 2, parts: [part(1, 'L1'), part(2, 'L2')] },
        });
        const createOrder = jest
          .fn()
          .mockRejectedValueOnce(refused(409))
          .mockImplementation(async (body) => result('CREATED', body.externalOrderId, false, body.lineItems));
        const findByExternalId = jest.fn().mockResolvedValue(result('CANCELLED', ID));
        const adapter = new FlexportAdapter(stubClient({ createOrder, findByExternalId }));
        expect(await adapter.createOrder(order, { lineIds: ['L1'] })).toMatchObject({ externalOrderId: `${ID}-3`, attempt: 3 });
        expect(sent(createOrder).map((call) => call.externalOrderId)).toEqual([ID, `${ID}-3`]);
      });
    });

    it('stops after a bounded run of cancelled attempts', async () => {
      const createOrder = jest.fn().mockRejectedValue(refused(409));
      const findByExternalId = jest.fn().mockResolvedValue(result('CANCELLED'));
      const adapter = new FlexportAdapter(stubClient({ createOrder, findByExternalId }));
      await expect(adapter.createOrder(buildOrder({ id: ID }))).rejects.toBeInstanceOf(RemoteRefusedError);
      expect(createOrder).toHaveBeenCalledTimes(5);
    });
  });

  describe('source (docs/api-decisions.md FX-5)', () => {
    const sentSource = async (adapter: FlexportAdapter, createOrder: jest.Mock) => {
      await adapter.createOrder(buildOrder({ channel: 'joom' }));
      return createOrder.mock.calls[0][0].source;
    };

    it('is omitted unless configured, and sent as configured', async () => {
      const plain = jest.fn().mockResolvedValue(result('CREATED'));
      expect(await sentSource(new FlexportAdapter(stubClient({ createOrder: plain })), plain)).toBeUndefined();
      const configured = jest.fn().mockResolvedValue(result('CREATED'));
      expect(await sentSource(new FlexportAdapter(stubClient({ createOrder: configured }), { source: 'WEBSITE' }), configured)).toBe('WEBSITE');
    });
  });
});
