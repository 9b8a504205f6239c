import { INestApplication } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { ControlModule } from '../control/control.module';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { FlexportModule } from './flexport.module';
import { createOrderBody } from './flexport.test-data';
import { FlexportWebhookSender } from './flexport.webhooks';

interface Received {
  headers: IncomingHttpHeaders;
  body: Record<string, string>;
  raw: string;
}

describe('Flexport webhooks', () => {
  let app: INestApplication;
  let receiver: Server;
  let received: Received[] = [];
  /** Status codes the receiver answers with, in order; 200 once exhausted. */
  let answers: number[] = [];

  const waitFor = async (count: number, ms = 3000): Promise<void> => {
    const until = Date.now() + ms;
    while (received.length < count && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toHaveLength(count);
  };
  const create = async () =>
    (await request(app.getHttpServer()).post('/logistics/api/2024-04/orders').set('Authorization', `Bearer ${SANDBOX_DEFAULT_TOKENS.flexport}`).send(createOrderBody()).expect(200)).body;
  const act = (action: string, params: object) => request(app.getHttpServer()).post(`/__sandbox/flexport/actions/${action}`).send(params).expect(200);

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(raw), raw });
        res.writeHead(answers.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    app = await createSandboxTestApp([FlexportModule, ControlModule], {
      flexportWebhookUrl: `http://127.0.0.1:${port}/hooks/flexport`,
      flexportWebhookToken: 'hook-secret',
    });
    app.get(FlexportWebhookSender).retryDelaysMs = [20, 20, 20];
  });
  beforeEach(() => {
    received = [];
    answers = [];
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('posts Order.Shipped with the documented payload and the x-webhook-token header', async () => {
    const order = await create();
    await act('ship', { orderId: order.id });
    await waitFor(1);
    expect(received[0].headers['x-webhook-token']).toBe('hook-secret');
    expect(received[0].headers['content-type']).toMatch(/application\/json/);
    expect(received[0].headers['x-hub-signature-256']).toBeUndefined();
    expect(received[0].body).toEqual({
      logisticsEventId: expect.any(String),
      logisticsEventType: 'Order.Shipped',
      logisticsEventTime: expect.any(String),
      orderId: order.id,
      externalOrderId: order.externalOrderId,
    });
    expect(Number.isNaN(Date.parse(received[0].body.logisticsEventTime))).toBe(false);
  });

  it('posts Order.Cancelled when an order is cancelled through the API', async () => {
    const order = await create();
    await request(app.getHttpServer()).post(`/logistics/api/2024-04/orders/${order.id}/cancel`).set('Authorization', `Bearer ${SANDBOX_DEFAULT_TOKENS.flexport}`).expect(200);
    await waitFor(1);
    expect(received[0].body).toMatchObject({ logisticsEventType: 'Order.Cancelled', orderId: order.id });
  });

  it('retries after a failed delivery with the same event id (at least once)', async () => {
    answers = [500, 503];
    const order = await create();
    await act('ship', { orderId: order.id });
    await waitFor(3);
    expect(new Set(received.map((r) => r.body.logisticsEventId)).size).toBe(1);
  });

  it('survives an unreachable receiver, and set-webhook switches the target at runtime', async () => {
    await act('set-webhook', { url: 'http://127.0.0.1:9/nowhere', token: null });
    const order = await create();
    await act('ship', { orderId: order.id });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await request(app.getHttpServer()).get('/__sandbox/health').expect(200);
    expect(received).toHaveLength(0);
    await request(app.getHttpServer()).post('/__sandbox/reset').expect(200); // back to the configured target
    await act('ship', { orderId: (await create()).id });
    await waitFor(1);
  });

  it('signs every delivery, retries included, with HMAC-SHA256 of the body when given a secret (docs/api-decisions.md FX-7)', async () => {
    const { port } = receiver.address() as AddressInfo;
    await act('set-webhook', { url: `http://127.0.0.1:${port}/hooks/flexport`, token: 'hook-secret', secret: 'signing-secret-0123456789' });
    answers = [500];
    const order = await create();
    await act('ship', { orderId: order.id });
    await waitFor(2);
    for (const delivery of received) {
      expect(delivery.headers['x-hub-signature-256']).toBe(`sha256=${createHmac('sha256', 'signing-secret-0123456789').update(delivery.raw).digest('hex')}`);
      expect(delivery.headers['x-webhook-token']).toBe('hook-secret');
    }
    expect(received[1].raw).toBe(received[0].raw);
    await request(app.getHttpServer()).post('/__sandbox/reset').expect(200);
  });
});
