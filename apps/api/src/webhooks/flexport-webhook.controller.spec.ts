import type { FastifyRequest } from 'fastify';
import { GatewayConfig } from '@app/config';
import { OrderRepository } from '@app/store';
import { FlexportWebhookController } from './flexport-webhook.controller';
import { FlexportWebhookDeliveries } from './flexport-webhook.deliveries';

const TOKEN = 'unit-webhook-token-0123456789';
const ORDER_ID = 'ord_0123456789abcdef01234567';

/** The controller's decisions with its collaborators stubbed: what is claimed, queued and released (docs/api-decisions.md FX-8). */
describe('FlexportWebhookController', () => {
  const setup = (options: { claimed?: boolean; queueFails?: boolean; known?: boolean } = {}) => {
    const queue = { add: jest.fn(options.queueFails ? async () => Promise.reject(new Error('redis down')) : async () => ({ id: 'job' })) };
    const orders = { get: jest.fn(async () => (options.known === false ? null : { id: ORDER_ID })) };
    const deliveries = { claim: jest.fn(async () => options.claimed ?? true), release: jest.fn(async () => undefined) };
    const config = { channels: { flexport: { webhookToken: TOKEN } } } as unknown as GatewayConfig;
    const controller = new FlexportWebhookController(queue as never, orders as unknown as OrderRepository, deliveries as unknown as FlexportWebhookDeliveries, config);
    const request = { headers: { 'x-webhook-token': TOKEN }, raw: {} } as unknown as FastifyRequest;
    const body = (externalOrderId: string) => ({ logisticsEventId: 'evt-1', logisticsEventType: 'Order.Shipped', logisticsEventTime: '2024-05-02T14:00:00Z', orderId: '9', externalOrderId });
    return { controller, queue, orders, deliveries, receive: (externalOrderId = ORDER_ID) => controller.receive(request, body(externalOrderId)) };
  };

  it('claims the event, then queues one refresh for the gateway order (any attempt’s id)', async () => {
    const { receive, queue, deliveries } = setup();
    await expect(receive(`${ORDER_ID}-3`)).resolves.toEqual({ accepted: true, orderId: ORDER_ID });
    expect(deliveries.claim).toHaveBeenCalledWith('evt-1');
    expect(queue.add).toHaveBeenCalledTimes(1);
  });

  it('acknowledges a replayed event without queueing anything', async () => {
    const { receive, queue } = setup({ claimed: false });
    await expect(receive()).resolves.toEqual({ accepted: false, reason: 'already received' });
    expect(queue.add).not.toHaveBeenCalled();
  });

  it('claims nothing for an order that is not the gateway’s', async () => {
    const { receive, deliveries, queue } = setup({ known: false });
    await expect(receive()).resolves.toEqual({ accepted: false, reason: 'not a gateway order' });
    expect(deliveries.claim).not.toHaveBeenCalled();
    expect(queue.add).not.toHaveBeenCalled();
  });

  it('releases the claim when the refresh cannot be queued, so Flexport’s retry is acted on', async () => {
    const { receive, deliveries } = setup({ queueFails: true });
    await expect(receive()).rejects.toThrow('redis down');
    expect(deliveries.release).toHaveBeenCalledWith('evt-1');
  });
});
