import { RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { buildOrder } from '@app/orders/testing';
import { FlexportAdapter } from './flexport.adapter';
import { FlexportClient, FlexportResult } from './flexport.client';
import { docOrderExample } from './testing/flexport-doc-examples';

/** Branches the sandbox cannot produce on demand, with a stubbed client. */
function stubClient(overrides: Partial<Record<keyof FlexportClient, jest.Mock>>): FlexportClient {
  return overrides as unknown as FlexportClient;
}

const result = (internalStatus: string): FlexportResult => {
  const order = docOrderExample();
  order.state.internalStatus = internalStatus;
  return { order, requestId: 'corr' };
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
});
