import { CanonicalOrder } from '@app/orders';
import { orderIdFor } from '@app/store';
import { auth } from '../support/api-fixture';
import { expectErrorAnswer } from '../support/bad-input-fixtures';
import { GatewayStack, sideEffects, startGateway, waitForJob, waitForOrder, WEBHOOK_TOKEN } from '../support/gateway-stack';
import { SANDBOX_TOKENS, SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

const WEBHOOK_SECRET = 'partial-webhook-secret-0123456789';

interface Created {
  result: { order: { id: string; number: string } };
}
interface FlexportOrderView {
  id: string;
  externalOrderId: string;
  state: { internalStatus: string };
  lineItems: { logisticsSku: string; quantity: number }[];
}
type OrderView = CanonicalOrder & { lineProgress: Record<string, unknown>; allowedActions: string[] };

/**
 * Partial fulfilment by line (docs/api-decisions.md FX-9, LP-1, LP-2), across
 * api, worker and sandbox: what reaches Flexport is read from the sandbox's
 * own Flexport API and ledger, not from our store.
 */
describe('partial fulfilment by line', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  /** An Akinon order of three items with their own SKUs, synced and ready: its gateway id and its lines by SKU. */
  const readyAkinonOrder = async (prefix: string) => {
    const items = ['A', 'B', 'C'].map((letter) => ({ sku: `${prefix}-${letter}`, price: '12.50' }));
    const { result } = await sandbox.control<Created>('POST', '/akinon/actions/create-order', { items });
    const id = orderIdFor('akinon', 'main', result.order.id);
    await stack.http.post('/v1/channels/akinon/sync').set(auth).expect(202);
    const order = await waitForOrder(stack, id, (o) => o.status === 'ready' && o.lines.length === 3);
    const line = (letter: string) => order.lines.find((l) => l.sku === `${prefix}-${letter}`)!.id;
    return { id, externalId: result.order.id, a: line('A'), b: line('B'), c: line('C') };
  };
  const view = async (id: string): Promise<OrderView> => (await stack.http.get(`/v1/orders/${id}`).set(auth).expect(200)).body;
  const fulfil = (id: string, body: Record<string, unknown>, key?: string) => {
    const request = stack.http.post(`/v1/orders/${id}/fulfill`).set(auth);
    return (key ? request.set('Idempotency-Key', key) : request).send(body);
  };
  const completed = async (answer: { status: number; body: { jobId: string } }) => {
    expect(answer.status).toBe(202);
    const job = await waitForJob(stack, answer.body.jobId);
    expect(job.state).toBe('completed');
    return job;
  };
  const flexportOrder = async (externalOrderId: string): Promise<FlexportOrderView | null> => {
    const response = await fetch(`${sandbox.url}/logistics/api/2024-04/orders/external_id/${externalOrderId}`, { headers: { Authorization: `Bearer ${SANDBOX_TOKENS.flexport}` } });
    return response.status === 404 ? null : ((await response.json()) as FlexportOrderView);
  };
  const skusOf = (order: FlexportOrderView | null) => order?.lineItems.map((line) => `${line.logisticsSku}×${line.quantity}`).sort();
  /** Puts an order back as it was stored earlier, as if the saves since had been lost. */
  const restore = (id: string, earlier: CanonicalOrder, note: string) =>
    stack.store.repository.mutate(id, (current) => ({
      order: { ...earlier, version: current!.version, updatedAt: new Date().toISOString() },
      history: [
        {
          kind: current!.status === earlier.status ? 'annotation' : 'transition',
          at: new Date().toISOString(),
          from: current!.status,
          to: earlier.status,
          cause: 'command',
          actor: 'test',
          requestId: null,
          note,
        },
      ],
    }));
  const ship = (providerOrderId: string) => sandbox.control('POST', '/flexport/actions/ship', { orderId: providerOrderId });

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '0' });
    stack = await startGateway(sandbox, { FLEXPORT_WEBHOOK_SECRET: WEBHOOK_SECRET });
    await sandbox.control('POST', '/flexport/actions/set-webhook', { url: `${stack.apiUrl}/v1/webhooks/flexport`, token: WEBHOOK_TOKEN, secret: WEBHOOK_SECRET });
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('(a) one Akinon line rejected, the rest fulfilled via Flexport: only the other lines reach Flexport, the order shows the rejected line beside the shipped ones', async () => {
    const { id, externalId, a, b, c } = await readyAkinonOrder('PA');
    await completed(
      await stack.http
        .post(`/v1/orders/${id}/reject`)
        .set(auth)
        .send({ reason: 'out_of_stock', lineIds: [a] }),
    );
    expect(await sideEffects(sandbox, 'akinon', externalId)).toEqual({ reject: 1 });

    const rejected = await view(id);
    expect(rejected.status).toBe('ready');
    expect(rejected.lineProgress).toEqual({ partial: true, fulfilment: 'unfulfilled', unfulfilledLineIds: [b, c], linesByStatus: { rejected: [a], ready: [b, c] } });
    expect(rejected.allowedActions).toContain('fulfill:flexport');

    // A rejected line is never shipped: naming it is refused before queueing, as is a line the order does not have.
    expectErrorAnswer(await fulfil(id, { mode: 'flexport', lines: [{ lineId: a }] }), 409, 'line_not_fulfillable');
    expectErrorAnswer(await fulfil(id, { mode: 'flexport', lines: [{ lineId: 'ln_nope' }] }), 422, 'line_not_found');

    const job = await completed(await fulfil(id, { mode: 'flexport' }));
    const atFlexport = await flexportOrder(id);
    expect(skusOf(atFlexport)).toEqual(['PA-B×1', 'PA-C×1']);
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({ flexport_order_created: 1 });
    expect(job.result).toMatchObject({ providerOrderId: atFlexport!.id });

    await ship(atFlexport!.id);
    await waitForOrder(stack, id, (o) => o.status === 'shipped');
    const shipped = await view(id);
    expect(shipped.lines.map((line) => [line.id, line.status])).toEqual([
      [a, 'rejected'],
      [b, 'shipped'],
      [c, 'shipped'],
    ]);
    expect(shipped.lineProgress).toEqual({ partial: true, fulfilment: 'fulfilled', unfulfilledLineIds: [], linesByStatus: { rejected: [a], shipped: [b, c] } });
    expect(shipped.allowedActions).not.toContain('fulfill:flexport');
  });

  it('(b) an Akinon order fulfilled via Flexport in two parts: two Flexport orders, each line once, a repeat of either creates nothing, shipped when both ship', async () => {
    const { id, a, b, c } = await readyAkinonOrder('PB');

    // Bad `lines` are refused naming the field, before anything is queued.
    for (const body of [
      { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062815', lines: [{ lineId: a }] },
      { mode: 'flexport', lines: null },
      { mode: 'flexport', lines: [] },
      { mode: 'flexport', lines: [{ lineId: a }, { lineId: a }] },
      { mode: 'flexport', lines: [{ lineId: a, quantity: 1, extra: true }] },
    ]) {
      const answer = await fulfil(id, body);
      expectErrorAnswer(answer, 400, 'validation_failed');
      expect(JSON.stringify(answer.body.details)).toContain('lines');
    }

    // Part 1: lines A and B.
    const initial = await stack.store.repository.getOrThrow(id);
    const first = await fulfil(id, { mode: 'flexport', lines: [{ lineId: a }, { lineId: b }] }, 'part-1');
    await completed(first);
    expect((await fulfil(id, { mode: 'flexport', lines: [{ lineId: a }, { lineId: b }] }, 'part-1')).body).toEqual(first.body);
    const part1 = await flexportOrder(id);
    expect(skusOf(part1)).toEqual(['PB-A×1', 'PB-B×1']);
    // The part-1 create repeated as if its save had been lost: Flexport replays it, nothing new is created.
    await restore(id, initial, 'part 1 save lost');
    const repeatedFirst = await completed(await fulfil(id, { mode: 'flexport', lines: [{ lineId: a }, { lineId: b }] }, 'part-1-again'));
    expect(repeatedFirst.result).toMatchObject({ providerOrderId: part1!.id });
    expect(await flexportOrder(`${id}-2`)).toBeNull();
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({ flexport_order_created: 1 });
    const afterPart1 = await view(id);
    expect(afterPart1.status).toBe('ready');
    expect(afterPart1.lineProgress).toEqual({ partial: true, fulfilment: 'partially_fulfilled', unfulfilledLineIds: [c], linesByStatus: { fulfilling: [a, b], ready: [c] } });
    expect(afterPart1.allowedActions).toContain('fulfill:flexport');
    expect(afterPart1.fulfillment?.parts).toEqual([{ attempt: 1, providerOrderId: part1!.id, providerStatus: 'CREATED', lineIds: [a, b], shipments: [] }]);
    // A line already sent is never sent again.
    expectErrorAnswer(await fulfil(id, { mode: 'flexport', lines: [{ lineId: b }, { lineId: c }] }), 409, 'line_not_fulfillable');

    // Part 2: the rest (line C), as a second Flexport order.
    const stored = await stack.store.repository.getOrThrow(id);
    const second = await fulfil(id, { mode: 'flexport' }, 'part-2');
    await completed(second);
    expect((await fulfil(id, { mode: 'flexport' }, 'part-2')).body).toEqual(second.body);
    const part2 = await flexportOrder(`${id}-2`);
    expect(skusOf(part2)).toEqual(['PB-C×1']);
    expect((await view(id)).status).toBe('fulfilling');
    expectErrorAnswer(await fulfil(id, { mode: 'flexport' }), 409, 'illegal_transition');

    // The part-2 create repeated as if its save had been lost: the same externalOrderId and body, so Flexport replays it.
    await restore(id, stored, 'part 2 save lost');
    const repeated = await completed(await fulfil(id, { mode: 'flexport' }, 'part-2-again'));
    expect(repeated.result).toMatchObject({ providerOrderId: part2!.id });
    expect(await flexportOrder(`${id}-3`)).toBeNull();
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({ flexport_order_created: 1 });
    expect(await sideEffects(sandbox, 'flexport', `${id}-2`)).toEqual({ flexport_order_created: 1 });

    // Part 1 ships: its lines move, the order waits for line C.
    await ship(part1!.id);
    const partly = await waitForOrder(stack, id, (o) => o.lines.filter((line) => line.status === 'shipped').length === 2);
    expect(partly.status).toBe('fulfilling');
    expect((await view(id)).lineProgress).toEqual({ partial: true, fulfilment: 'fulfilled', unfulfilledLineIds: [], linesByStatus: { shipped: [a, b], fulfilling: [c] } });

    await ship(part2!.id);
    const done = await waitForOrder(stack, id, (o) => o.status === 'shipped');
    expect(done.lines.every((line) => line.status === 'shipped')).toBe(true);
    expect(done.fulfillment?.parts?.map((part) => [part.providerOrderId, part.providerStatus, part.lineIds])).toEqual([
      [part1!.id, 'SHIPPED', [a, b]],
      [part2!.id, 'SHIPPED', [c]],
    ]);
    expect(done.fulfillment?.shipments.length).toBeGreaterThanOrEqual(2);
    expect((await view(id)).lineProgress).toEqual({ partial: false, fulfilment: 'fulfilled', unfulfilledLineIds: [], linesByStatus: { shipped: [a, b, c] } });
    const transitions = (await stack.store.repository.history(id)).filter((entry) => entry.kind === 'transition' && entry.actor !== 'test').map((entry) => `${entry.from}→${entry.to}`);
    expect(transitions).toEqual(expect.arrayContaining(['ready→fulfilling', 'fulfilling→shipped']));
  });

  it('(c) a create whose answer was lost is never recorded as other lines; a reject without lineIds leaves the lines at Flexport', async () => {
    const { id, externalId, a, b, c } = await readyAkinonOrder('PC');

    // Part [A] reaches Flexport, but its save is lost: a fulfil of [B] takes the same attempt and meets the Flexport order holding A.
    const initial = await stack.store.repository.getOrThrow(id);
    const first = await completed(await fulfil(id, { mode: 'flexport', lines: [{ lineId: a }] }));
    const part1 = await flexportOrder(id);
    expect(skusOf(part1)).toEqual(['PC-A×1']);
    expect(first.result).toMatchObject({ providerOrderId: part1!.id });
    await restore(id, initial, 'part 1 save lost');
    const other = await fulfil(id, { mode: 'flexport', lines: [{ lineId: b }] });
    expect(other.status).toBe(202);
    const failed = await waitForJob(stack, other.body.jobId);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(new RegExp(`^fulfillment_error: Flexport order ${part1!.id} .*other line items`));
    const unrecorded = await stack.store.repository.getOrThrow(id);
    expect(unrecorded.lines.map((line) => line.status)).toEqual(['ready', 'ready', 'ready']);
    expect(unrecorded.fulfillment ?? null).toBeNull();
    expect(await sideEffects(sandbox, 'flexport', id)).toEqual({ flexport_order_created: 1 });

    // Put the part back as saved, then reject "the order": only B and C are rejected at Akinon, A stays with Flexport.
    await restore(
      id,
      {
        ...initial,
        lines: initial.lines.map((line) => (line.id === a ? { ...line, status: 'fulfilling' as const } : line)),
        fulfillment: {
          provider: 'flexport',
          providerOrderId: part1!.id,
          providerStatus: 'CREATED',
          shipments: [],
          trackingPushedAt: null,
          attempt: 1,
          parts: [{ attempt: 1, providerOrderId: part1!.id, providerStatus: 'CREATED', lineIds: [a], shipments: [] }],
        },
      },
      'part 1 recorded',
    );
    const rejected = await stack.http.post(`/v1/orders/${id}/reject`).set(auth).send({ reason: 'out_of_stock' });
    await completed(rejected);
    expect(await sideEffects(sandbox, 'akinon', externalId)).toEqual({ reject: 2 });
    const after = await view(id);
    expect(after.lines.map((line) => [line.id, line.status])).toEqual([
      [a, 'fulfilling'],
      [b, 'rejected'],
      [c, 'rejected'],
    ]);
    expect(after.status).toBe('fulfilling');
  });
});

/** Without webhooks, only the poll brings Flexport's progress in: it walks `ready` orders too, for a part at Flexport while another line waits (FX-9). */
describe('partial fulfilment by line, followed by the poll alone', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '0' });
    stack = await startGateway(sandbox, { SYNC_INTERVAL_MS: '1000' });
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it('a shipped part of an order still ready moves its lines, and the order stays ready for the rest', async () => {
    const items = ['A', 'B'].map((letter) => ({ sku: `PP-${letter}`, price: '9.90' }));
    const { result } = await sandbox.control<Created>('POST', '/akinon/actions/create-order', { items });
    const id = orderIdFor('akinon', 'main', result.order.id);
    await stack.http.post('/v1/channels/akinon/sync').set(auth).expect(202);
    const order = await waitForOrder(stack, id, (o) => o.status === 'ready' && o.lines.length === 2);
    const [a, b] = ['PP-A', 'PP-B'].map((sku) => order.lines.find((line) => line.sku === sku)!.id);

    const accepted = await stack.http
      .post(`/v1/orders/${id}/fulfill`)
      .set(auth)
      .send({ mode: 'flexport', lines: [{ lineId: a }] })
      .expect(202);
    const job = await waitForJob(stack, accepted.body.jobId);
    expect(job.state).toBe('completed');
    await sandbox.control('POST', '/flexport/actions/ship', { orderId: String(job.result!.providerOrderId) });

    const moved = await waitForOrder(stack, id, (o) => o.lines.some((line) => line.id === a && line.status === 'shipped'), 20_000);
    expect(moved.status).toBe('ready');
    expect(moved.lines.find((line) => line.id === b)!.status).toBe('ready');
    expect(moved.fulfillment?.parts?.[0]).toMatchObject({ providerStatus: 'SHIPPED', lineIds: [a] });
    expect((await stack.http.get(`/v1/orders/${id}`).set(auth).expect(200)).body.lineProgress).toEqual({
      partial: true,
      fulfilment: 'partially_fulfilled',
      unfulfilledLineIds: [b],
      linesByStatus: { shipped: [a], ready: [b] },
    });
  });
});
