import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ControlModule } from '../control/control.module';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { SideEffectLedger } from '../core/side-effect-ledger';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { AkinonModule } from './akinon.module';
import { AkinonSettings } from './akinon.settings';

const AUTH = `Bearer ${SANDBOX_DEFAULT_TOKENS.akinon}`;
interface Item {
  id: string;
  order: string;
  status: number;
  price: string;
  updated_at: string;
}

describe('Akinon reject, cancellation plans and marketplace actions', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const act = (action: string, params: object) => http().post(`/__sandbox/akinon/actions/${action}`).send(params);
  const reject = (itemId: string) => http().post(`/api/i1/order-items/${itemId}/reject/`).set('Authorization', AUTH);
  /** One order, read the documented way: `orders/?number=`, matched on id. */
  const order = async (ref: { id: string; number: string }) =>
    (await http().get(`/api/i1/orders/?number=${ref.number}`).set('Authentication', AUTH).expect(200)).body.results.find((row: { id: string }) => row.id === ref.id);
  const items = async (orderId: string): Promise<Item[]> => (await http().get(`/api/i1/order-items/?order=${orderId}`).set('Authentication', AUTH).expect(200)).body.results;
  /** A fresh order with `count` items in `status` (test-data builder over the control plane). */
  const newOrder = async (status = 200, count = 2) => (await act('create-order', { status, itemCount: count }).expect(200)).body.result;
  const rejects = (orderId: string) =>
    app
      .get(SideEffectLedger)
      .list({ api: 'akinon', orderRef: orderId })
      .find((row) => row.kind === 'reject')?.count ?? 0;

  beforeAll(async () => {
    app = await createSandboxTestApp([AkinonModule, ControlModule]);
    // These tests watch updated_at move, so rows carry it (docs/api-decisions.md AK-4).
    app.get(AkinonSettings).configure({ timestamps: 'implied' });
  });
  afterAll(() => app.close());

  it('rejects an approved item: 204, item 900, updated_at of item and order bumped, one ledger entry on the ORDER id', async () => {
    const created = await newOrder(200, 2);
    const [first, second] = await items(created.order.id);
    const before = await order(created.order);
    const res = await reject(first.id).expect(204);
    expect(res.text).toBe('');
    const [after1, after2] = await items(created.order.id);
    expect(after1.status).toBe(900);
    expect(Date.parse(after1.updated_at)).toBeGreaterThan(Date.parse(first.updated_at));
    expect(after2).toEqual(second);
    const after = await order(created.order);
    expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
    expect(after.status).toBe(200);
    expect(after.refund_amount).toBe(first.price);
    expect(rejects(created.order.id)).toBe(1);
  });

  it('moves the order to 900 once every item is rejected', async () => {
    const created = await newOrder(100, 2);
    for (const item of await items(created.order.id)) await reject(item.id).expect(204);
    expect((await order(created.order)).status).toBe(900);
    expect(rejects(created.order.id)).toBe(2);
  });

  it.each([400, 500, 600, 700, 800])('refuses to reject an item in status %i with 406 and records nothing', async (status) => {
    const created = await newOrder(status, 1);
    const [item] = await items(created.order.id);
    const res = await reject(item.id).expect(406);
    expect(res.body).toEqual({ non_field_errors: [expect.any(String)] });
    if (status === 400) expect(res.body.non_field_errors[0]).toBe('Packaged order items cannot be rejected.');
    expect((await items(created.order.id))[0].status).toBe(status);
    expect(rejects(created.order.id)).toBe(0);
  });

  it('refuses a second reject of the same item (only the first is effective)', async () => {
    const created = await newOrder(300, 1);
    const [item] = await items(created.order.id);
    await reject(item.id).expect(204);
    expect((await reject(item.id).expect(406)).body).toEqual({ non_field_errors: ['Order item is already rejected.'] });
    expect(rejects(created.order.id)).toBe(1);
  });

  it('answers 404 for an unknown item, 415 for a non-JSON body, 400 for a non-object body, 405 for GET', async () => {
    expect((await reject('00000000-0000-4000-8000-000000000000').expect(404)).body).toEqual({ detail: 'Not found.' });
    const [item] = await items((await newOrder(200, 1)).order.id);
    await reject(item.id).set('Content-Type', 'text/plain').send('please').expect(415);
    expect((await reject(item.id).set('Content-Type', 'application/json').send('[1]').expect(400)).body).toEqual({
      non_field_errors: ['Invalid data. Expected a dictionary, but got list.'],
    });
    await http().get(`/api/i1/order-items/${item.id}/reject/`).set('Authorization', AUTH).expect(405);
    await reject(item.id).set('Content-Type', 'application/json').send({ reason: 'out of stock' }).expect(204);
  });

  it('set-item-status moves items and the order follows, filling shipping data', async () => {
    const created = await newOrder(200, 2);
    const [first] = await items(created.order.id);
    const one = (await act('set-item-status', { itemId: first.id, status: 500 }).expect(200)).body.result;
    expect(one.order.status).toBe(200);
    const all = (await act('set-item-status', { orderId: created.order.id, status: 500 }).expect(200)).body.result;
    expect(all.order.status).toBe(500);
    expect(all.order.tracking_number).toEqual(expect.any(String));
    expect(all.items.every((i: { shipped_date: string | null }) => i.shipped_date)).toBe(true);
    expect((await act('set-item-status', { itemId: first.id, status: 123 }).expect(400)).body.error).toContain('status');
    await act('set-item-status', { itemId: 'nope', status: 200 }).expect(404);
  });

  it('create-cancellation-plan (waiting) moves items to 700, completing it moves them to 800', async () => {
    const created = await newOrder(200, 2);
    const plan = (await act('create-cancellation-plan', { orderId: created.order.id, status: 'waiting' }).expect(200)).body.result;
    expect(plan).toMatchObject({ order: created.order.id, status: 'waiting', plan_type: 'cancel' });
    expect(plan.order_items).toHaveLength(2);
    expect((await order(created.order)).status).toBe(700);
    const listed = (await http().get(`/api/i1/cancellation-plans/?order=${created.order.id}`).set('Authentication', AUTH).expect(200)).body;
    expect(listed.results.map((p: { id: string }) => p.id)).toEqual([plan.id]);
    await act('set-cancellation-plan-status', { planId: plan.id, status: 'completed' }).expect(200);
    expect((await order(created.order)).status).toBe(800);
    expect((await items(created.order.id)).every((item) => item.status === 800)).toBe(true);
    const direct = await newOrder(100, 1);
    await act('create-cancellation-plan', { orderId: direct.order.id, status: 'completed' }).expect(200);
    expect((await order(direct.order)).status).toBe(800);
  });

  it('a plan for one of three items moves that item only; the plan lists just it', async () => {
    const created = await newOrder(200, 3);
    const [, second] = await items(created.order.id);
    const plan = (await act('create-cancellation-plan', { orderId: created.order.id, itemIds: [second.id], status: 'waiting' }).expect(200)).body.result;
    expect(plan.order_items).toEqual([second.id]);
    expect((await items(created.order.id)).map((item) => item.status)).toEqual([200, 700, 200]);
    await act('set-cancellation-plan-status', { planId: plan.id, status: 'completed' }).expect(200);
    expect((await items(created.order.id)).map((item) => item.status)).toEqual([200, 800, 200]);
    expect((await order(created.order)).status).toBe(200);
  });

  it('a refund plan leaves shipped items at their status and records it in cancel_status (AK-11)', async () => {
    const created = await newOrder(500, 2);
    const [first, second] = await items(created.order.id);
    const plan = (await act('create-cancellation-plan', { orderId: created.order.id, itemIds: [first.id, second.id], planType: 'refund', status: 'waiting' }).expect(200)).body.result;
    expect(plan.plan_type).toBe('refund');
    await act('set-cancellation-plan-status', { planId: plan.id, status: 'completed' }).expect(200);
    const after = await items(created.order.id);
    expect(after.map((item) => [item.status, (item as unknown as { cancel_status: string }).cancel_status])).toEqual([
      [500, 'completed'],
      [500, 'completed'],
    ]);
    expect((await order(created.order)).status).toBe(500);
  });

  it('refuses a cancel plan for shipped items, items of another order, and an unknown plan type', async () => {
    const shipped = await newOrder(500, 1);
    const [item] = await items(shipped.order.id);
    expect((await act('create-cancellation-plan', { orderId: shipped.order.id, itemIds: [item.id] }).expect(409)).body.error).toContain('refund');
    const other = await newOrder(200, 1);
    await act('create-cancellation-plan', { orderId: other.order.id, itemIds: [item.id] }).expect(404);
    expect((await act('create-cancellation-plan', { orderId: other.order.id, planType: 'exchange' }).expect(400)).body.error).toContain('planType');
    await act('create-cancellation-plan', { orderId: other.order.id, itemIds: [] }).expect(400);
  });

  it('create-order builds a multi-item order with an address, visible in every listing; bad params are 400/404', async () => {
    const created = (
      await act('create-order', {
        status: 100,
        items: [
          { sku: 'ÇANTA-1', price: '10.10' },
          { sku: 'KUPA', price: '0.05' },
        ],
        currency: 'TRY',
      }).expect(200)
    ).body.result;
    expect(created.order).toMatchObject({ status: 100, currency: 'try', amount: expect.stringMatching(/^\d+\.\d{2}$/) });
    expect(created.items.map((i: { price: string }) => i.price)).toEqual(['10.10', '0.05']);
    const addresses = await http().get(`/api/i1/customer-addresses/?id=${created.order.shipping_address}`).set('Authentication', AUTH).expect(200);
    expect(addresses.body.count).toBe(1);
    await act('create-order', { items: [{ sku: 'X', price: 12 }] }).expect(400);
    await act('create-cancellation-plan', { orderId: 'missing' }).expect(404);
    expect((await act('explode', {}).expect(404)).body.error).toContain('unknown akinon action');
  });
});
