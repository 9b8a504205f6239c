import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGatewayClient, GatewayClient } from '@app/client';
import { TEST_API_KEY } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, startGateway } from '../support/gateway-stack';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';
import { strictSchemaProblems } from '../support/strict-schema';

jest.setTimeout(60_000);

/** The typed client (libs/client) against the real api, worker and sandbox, over HTTP. */
describe('@app/client, the typed client', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  let client: GatewayClient;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '40' });
    stack = await startGateway(sandbox);
    client = createGatewayClient({ baseUrl: `${stack.apiUrl}/`, apiKey: TEST_API_KEY });
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('lists orders, fulfils one via Flexport and follows the job to completion', async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, offlineReady);

    const listed = await client.GET('/v1/orders', { params: { query: { channel: 'joom', status: 'ready', limit: 50 } } });
    expect(listed.response.status).toBe(200);
    const item = listed.data!.items.find((candidate) => candidate.id === order.id);
    expect(item).toEqual(expect.objectContaining({ id: order.id, channel: 'joom', status: 'ready', returnOutcome: null }));

    const accepted = await client.POST('/v1/orders/{id}/fulfill', {
      params: { path: { id: item!.id }, header: { 'Idempotency-Key': `client-${item!.id}` } },
      body: { mode: 'flexport' },
    });
    expect(accepted.response.status).toBe(202);
    expect(accepted.data).toEqual(expect.objectContaining({ command: 'fulfill', orderId: order.id, jobId: expect.any(String) }));

    const deadline = Date.now() + 20_000;
    let job = await client.GET('/v1/jobs/{jobId}', { params: { path: { jobId: accepted.data!.jobId } } });
    while (job.data && job.data.state !== 'completed' && job.data.state !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await client.GET('/v1/jobs/{jobId}', { params: { path: { jobId: accepted.data!.jobId } } });
    }
    expect(job.data).toEqual(expect.objectContaining({ jobId: accepted.data!.jobId, command: 'fulfill', orderId: order.id, state: 'completed' }));
    expect(job.data!.result).toEqual(expect.objectContaining({ status: 'fulfilling', providerOrderId: expect.any(String) }));
    const schemas = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')).components.schemas;
    expect(strictSchemaProblems(accepted.data, { $ref: '#/components/schemas/CommandAcceptedDto' }, schemas)).toEqual([]);
    expect(strictSchemaProblems(job.data, { $ref: '#/components/schemas/JobViewDto' }, schemas)).toEqual([]);

    const fulfilling = await client.GET('/v1/orders/{id}', { params: { path: { id: order.id } } });
    expect(fulfilling.data).toEqual(expect.objectContaining({ status: 'fulfilling', fulfillment: expect.objectContaining({ provider: 'flexport' }) }));
  });

  it('lists orders of every channel that pass a strict reading of the committed contract (null listed in nullable enums)', async () => {
    await ingestMatching(stack, 'joom', 20, () => true);
    await ingestMatching(stack, 'akinon', 20, () => true);
    const contract = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
    const listed = await client.GET('/v1/orders', { params: { query: { limit: 500 } } });
    expect(listed.data!.items.length).toBeGreaterThanOrEqual(40);
    expect(listed.data!.items.some((order) => order.returnOutcome === null)).toBe(true);
    expect(strictSchemaProblems(listed.data, { $ref: '#/components/schemas/OrderPageDto' }, contract.components.schemas)).toEqual([]);
    // Every listed order's history, the order fulfilled above included (its entries name their jobs).
    for (const order of listed.data!.items) {
      const history = await client.GET('/v1/orders/{id}/history', { params: { path: { id: order.id } } });
      expect(strictSchemaProblems(history.data, { $ref: '#/components/schemas/HistoryDto' }, contract.components.schemas)).toEqual([]);
    }
  });

  it('answers refusals as the typed error shape, with its stable code', async () => {
    const missing = await client.GET('/v1/orders/{id}', { params: { path: { id: 'ord_000000000000000000000000' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.data).toBeUndefined();
    expect(missing.error).toEqual(expect.objectContaining({ statusCode: 404, code: 'order_not_found' }));

    const wrongKey = await createGatewayClient({ baseUrl: stack.apiUrl, apiKey: 'not-a-key-0000000000' }).GET('/v1/orders', {});
    expect(wrongKey.response.status).toBe(401);
    expect(wrongKey.error?.code).toBe('unauthorized');
  });
});
