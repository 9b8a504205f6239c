import { createSimulatorTestApp, SimulatorTestApp } from '../core/testing/simulator-test-app';
import { JoomV2Module } from './joom-v2.module';
import { JoomV2Simulator } from './joom-v2.simulator';

type Created = { Order: { order_id: string; state: string } };

/** fulfill-one, refund, modify-tracking: the document's rules, and one ledger entry per effective call. */
describe('Joom v2 commands', () => {
  let t: SimulatorTestApp<JoomV2Simulator>;
  const auth = () => ({ Authorization: `Bearer ${t.config.joomToken}` });
  const order = async (id: string) => (await t.http().get(`/api/v2/order?id=${id}`).set(auth()).expect(200)).body.data.Order;
  const create = (state = 'APPROVED') => (t.simulator.act('create-order', { state }) as Created).Order.order_id;
  const post = (path: string, form: Record<string, string>) => t.http().post(`/api/v2/${path}`).set(auth()).type('form').send(form);
  /** fulfill-one with the Required `shipping_time` (docs/api-decisions.md JO-1). */
  const fulfil = (form: Record<string, string>) => post('order/fulfill-one', { shipping_time: '5-15', ...form });
  const refused = (detail: number) => ({ code: 1000, data: detail, message: expect.any(String) });

  beforeAll(async () => {
    t = await createSimulatorTestApp(JoomV2Module, JoomV2Simulator);
  });
  afterAll(() => t.app.close());
  beforeEach(() => {
    t.simulator.seed(20, 1);
    t.ledger.clear();
  });

  describe('order/fulfill-one', () => {
    it('ships an APPROVED order once and records one fulfill', async () => {
      const id = create();
      const before = await order(id);
      const res = await post('order/fulfill-one', { id, tracking_provider: 'China Post (中国邮政)', tracking_number: 'RR123456789CN', shipping_time: '5-10', ship_note: 'Спасибо!' }).expect(200);
      expect(res.body).toEqual({ code: 0, data: { success: 'True' }, message: 'Your order is been processed right now!' });
      const after = await order(id);
      expect(after).toEqual(expect.objectContaining({ state: 'SHIPPED', shipping_provider: 'China Post', tracking_number: 'RR123456789CN', shipping_time: '5-10', ship_note: 'Спасибо!' }));
      expect(after.last_updated >= before.last_updated).toBe(true);
      expect(after.hours_to_fulfill).toBeUndefined();
      expect(t.effects(id, 'fulfill')).toBe(1);

      expect((await fulfil({ id, tracking_provider: 'DHL', tracking_number: 'X1' }).expect(200)).body).toEqual(refused(2005));
      expect(t.effects(id, 'fulfill')).toBe(1);
      expect((await order(id)).tracking_number).toBe('RR123456789CN');
    });

    it.each(['REQUIRE_REVIEW', 'REFUNDED'])('refuses a %s order on HTTP 200 with code 1000 and records nothing', async (state) => {
      const id = create(state);
      expect((await fulfil({ id, tracking_provider: 'DHL', tracking_number: 'A1' }).expect(200)).body).toEqual(refused(2004));
      expect((await order(id)).state).toBe(state);
      expect(t.effects(id, 'fulfill')).toBe(0);
    });

    it('refuses an unknown provider on HTTP 200 with code 1000 / data 2003', async () => {
      const id = create();
      const res = await fulfil({ id, tracking_provider: 'Pony Express', tracking_number: 'A1' }).expect(200);
      expect(res.body).toEqual({ code: 1000, data: 2003, message: 'Tracking provider is not one of the accepted providers on Joom' });
      expect((await order(id)).state).toBe('APPROVED');
      expect(t.effects(id, 'fulfill')).toBe(0);
    });

    it.each([
      [{ tracking_provider: 'DHL', tracking_number: 'AB 123' }, 2002],
      [{ tracking_provider: 'DHL', tracking_number: 'AB-123' }, 2002],
      [{ tracking_provider: 'DHL', shipping_time: '1-5' }, 2001],
      [{ tracking_provider: 'DHL', shipping_time: '0-2' }, 2001],
      [{ tracking_provider: 'DHL', shipping_time: '9-5' }, 2001],
      [{ tracking_provider: 'DHL', shipping_time: 'soon' }, 2001],
      [{ tracking_provider: 'DHL', shipping_time: '5' }, 2001],
      [{ tracking_number: 'A1', shipping_time: '5-15' }, 2000],
      // "shipping_time Required": a fulfil without it changes nothing.
      [{ tracking_provider: 'DHL', tracking_number: 'A1' }, 2000],
      [{ tracking_provider: 'DHL', tracking_number: 'A1', shipping_time: ' ' }, 2000],
    ])('refuses malformed parameters %j with 400 / data %d', async (form, detail) => {
      const id = create();
      expect((await post('order/fulfill-one', { id, ...form }).expect(400)).body).toEqual({ code: 1000, data: detail, message: expect.any(String) });
      expect(t.effects(id, 'fulfill')).toBe(0);
    });

    it('accepts parameters as JSON or in the query string too', async () => {
      const a = create();
      await t.http().post('/api/v2/order/fulfill-one').set(auth()).send({ id: a, tracking_provider: 'EMS', tracking_number: 'EE1', shipping_time: '2-2' }).expect(200);
      const b = create();
      await t.http().post(`/api/v2/order/fulfill-one?id=${b}&tracking_provider=dhl&tracking_number=D1&shipping_time=5-15&access_token=${t.config.joomToken}`).expect(200);
      expect([(await order(a)).state, (await order(b)).shipping_provider]).toEqual(['SHIPPED', 'DHL']);
      expect([t.effects(a, 'fulfill'), t.effects(b, 'fulfill')]).toEqual([1, 1]);
    });

    it('answers an unknown order with 404 / code 4001', async () => {
      expect((await fulfil({ id: 'ffffffffffffffffffffffff', tracking_provider: 'DHL' }).expect(404)).body.code).toBe(4001);
    });
  });

  describe('order/refund', () => {
    it('refunds once with a documented reason code, then refuses', async () => {
      const id = create();
      expect((await post('order/refund', { id, reason_code: '2' }).expect(200)).body).toEqual({ code: 0, data: { success: 'True' }, message: '' });
      expect(await order(id)).toEqual(expect.objectContaining({ state: 'REFUNDED', refunded_reason: 'Product is out of stock', refunded_by: 'REFUNDED BY MERCHANT' }));
      expect((await post('order/refund', { id, reason_code: '1' }).expect(200)).body).toEqual(refused(2006));
      expect(t.effects(id, 'refund')).toBe(1);
    });

    it('refunds a SHIPPED order too (the document only forbids refunding twice)', async () => {
      const id = create('SHIPPED');
      await post('order/refund', { id, reason_code: '3' }).expect(200);
      expect(t.effects(id, 'refund')).toBe(1);
    });

    it('requires reason_note with reason_code -1', async () => {
      const id = create();
      expect((await post('order/refund', { id, reason_code: '-1' }).expect(400)).body).toEqual({ code: 1000, data: 2009, message: expect.stringContaining('reason_note') });
      expect((await post('order/refund', { id, reason_code: '-1', reason_note: '  ' }).expect(400)).body.data).toBe(2009);
      expect(t.effects(id, 'refund')).toBe(0);
      await post('order/refund', { id, reason_code: '-1', reason_note: 'Покупатель попросил отменить' }).expect(200);
      expect((await order(id)).refunded_note).toBe('Покупатель попросил отменить');
      expect(t.effects(id, 'refund')).toBe(1);
    });

    it.each(['18', '0', 'x', '4'])('refuses undocumented reason_code %s', async (code) => {
      const id = create();
      expect((await post('order/refund', { id, reason_code: code }).expect(400)).body).toEqual({ code: 1000, data: 2008, message: expect.any(String) });
      expect((await order(id)).state).toBe('APPROVED');
      expect(t.effects(id, 'refund')).toBe(0);
    });
  });

  describe('order/modify-tracking', () => {
    it('changes tracking of a SHIPPED order and records each effective change', async () => {
      const id = create();
      await fulfil({ id, tracking_provider: 'DHL', tracking_number: 'D1' }).expect(200);
      expect((await post('order/modify-tracking', { id, tracking_provider: 'Yanwen Express', tracking_number: 'YW2' }).expect(200)).body).toEqual({ code: 0, data: { success: 'True' }, message: '' });
      expect(await order(id)).toEqual(expect.objectContaining({ state: 'SHIPPED', shipping_provider: 'Yanwen Express', tracking_number: 'YW2' }));
      expect(t.effects(id, 'modify_tracking')).toBe(1);
      expect(t.effects(id, 'fulfill')).toBe(1);
    });

    it.each(['APPROVED', 'REFUNDED', 'REQUIRE_REVIEW'])('refuses a %s order (not shipped) on HTTP 200', async (state) => {
      const id = create(state);
      expect((await post('order/modify-tracking', { id, tracking_provider: 'DHL', tracking_number: 'D1' }).expect(200)).body).toEqual(refused(2007));
      expect(t.effects(id, 'modify_tracking')).toBe(0);
    });

    it('refuses an unknown provider like fulfill does', async () => {
      const id = create('SHIPPED');
      expect((await post('order/modify-tracking', { id, tracking_provider: 'USPSS', tracking_number: 'D1' }).expect(200)).body).toEqual(refused(2003));
      expect(t.effects(id, 'modify_tracking')).toBe(0);
    });
  });
});
