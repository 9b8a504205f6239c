import { createSimulatorTestApp, SimulatorTestApp } from '../core/testing/simulator-test-app';
import { JoomV3Module } from './joom-v3.module';
import { JOOM_V3_SHIPPERS } from './joom-v3.shippers';
import { JoomV3Simulator } from './joom-v3.simulator';

type Order = { id: string; status: string; updateTimestamp: string; shipment?: Record<string, string>; refund?: Record<string, string> };

const DHL = JOOM_V3_SHIPPERS.find((s) => s.name === 'DHL')!;

/** fulfill, fulfillOnline + label, modifyTracking, cancel: rules, and one ledger entry per effective call. */
describe('Joom v3 order commands', () => {
  let t: SimulatorTestApp<JoomV3Simulator>;
  const auth = () => ({ Authorization: `Bearer ${t.config.joomToken}` });
  const create = (params: Record<string, unknown> = {}) => (t.simulator.act('create-order', { country: 'DE', ...params }) as Order).id;
  const get = async (id: string): Promise<Order> => (await t.http().get(`/api/v3/orders?id=${id}`).set(auth()).expect(200)).body.data;
  const post = (path: string, body: unknown) =>
    t
      .http()
      .post(`/api/v3/orders/${path}`)
      .set(auth())
      .send(body as object);
  const errors = (code: string, field?: string) => ({ errors: [{ code, ...(field ? { field } : {}), message: expect.any(String) }] });

  beforeAll(async () => {
    t = await createSimulatorTestApp(JoomV3Module, JoomV3Simulator);
  });
  afterAll(() => t.app.close());
  beforeEach(() => {
    t.simulator.seed(20, 3);
    t.ledger.clear();
  });

  describe('POST orders/fulfill', () => {
    it('ships an approved order by provider name, once, and returns it', async () => {
      const id = create({ onlineShippingRequirement: 'offlineOnly' });
      const before = await get(id);
      const res = await post(`fulfill?id=${id}`, { provider: 'DHL', trackingNumber: 'JD014600006281' }).expect(200);
      expect(res.body.data).toEqual(expect.objectContaining({ id, status: 'shipped', shipment: expect.objectContaining({ provider: 'DHL', providerId: DHL.id, trackingNumber: 'JD014600006281' }) }));
      expect(res.body.data.updateTimestamp > before.updateTimestamp).toBe(true);
      expect(t.effects(id, 'fulfill')).toBe(1);
      expect((await post(`fulfill?id=${id}`, { provider: 'DHL', trackingNumber: 'OTHER1' }).expect(400)).body).toEqual(errors('invalid_state'));
      expect(t.effects(id, 'fulfill')).toBe(1);
      expect((await get(id)).shipment!.trackingNumber).toBe('JD014600006281');
    });

    it('accepts providerId instead of provider', async () => {
      const id = create({ onlineShippingRequirement: 'offlineOrOnline' });
      await post(`fulfill?id=${id}`, { providerId: DHL.id, trackingNumber: 'A1' }).expect(200);
      expect((await get(id)).shipment).toEqual(expect.objectContaining({ provider: 'DHL', providerId: DHL.id }));
    });

    it.each([
      ['both provider and providerId', { provider: 'DHL', providerId: DHL.id, trackingNumber: 'A1' }, 'provider'],
      ['neither provider nor providerId', { trackingNumber: 'A1' }, 'provider'],
      ['an unknown provider', { provider: 'Pony Express', trackingNumber: 'A1' }, 'provider'],
      ['an unknown providerId', { providerId: '000000000000000000000000', trackingNumber: 'A1' }, 'providerId'],
      ['an online-only shipper', { provider: 'Joom Logistics', trackingNumber: 'A1' }, 'provider'],
      ['a shipper not serving the destination', { provider: 'SPSR', trackingNumber: 'A1' }, 'provider'],
      ['no trackingNumber', { provider: 'DHL' }, 'trackingNumber'],
      ['a tracking number with a space', { provider: 'DHL', trackingNumber: 'AB 12' }, 'trackingNumber'],
      ['a tracking number with a dash', { provider: 'DHL', trackingNumber: 'AB-12' }, 'trackingNumber'],
    ])('refuses %s with 400 invalid_argument and changes nothing', async (_, body, field) => {
      const id = create({ onlineShippingRequirement: 'offlineOnly' });
      expect((await post(`fulfill?id=${id}`, body).expect(400)).body).toEqual(errors('invalid_argument', field));
      expect((await get(id)).status).toBe('approved');
      expect(t.effects(id, 'fulfill')).toBe(0);
    });

    it.each(['cancelled', 'shipped', 'fulfilledOnline', 'returnInitiated', 'refunded'])('refuses a %s order with 400 invalid_state', async (status) => {
      const id = create({ status, onlineShippingRequirement: 'offlineOrOnline' });
      expect((await post(`fulfill?id=${id}`, { provider: 'DHL', trackingNumber: 'A1' }).expect(400)).body).toEqual(errors('invalid_state'));
      expect(t.effects(id, 'fulfill')).toBe(0);
    });

    it('refuses offline fulfillment of an onlineOnly order', async () => {
      const id = create({ onlineShippingRequirement: 'onlineOnly' });
      expect((await post(`fulfill?id=${id}`, { provider: 'DHL', trackingNumber: 'A1' }).expect(400)).body).toEqual(errors('invalid_state'));
      expect(t.effects(id, 'fulfill')).toBe(0);
    });

    it('answers unknown and foreign orders with 404 / 403', async () => {
      await post('fulfill?id=ZZZZ0000', { provider: 'DHL', trackingNumber: 'A1' }).expect(404);
      const foreign = create({ storeId: 'elsewhere' });
      await post(`fulfill?id=${foreign}`, { provider: 'DHL', trackingNumber: 'A1' }).expect(403);
      expect(t.effects(foreign, 'fulfill')).toBe(0);
    });
  });

  describe('POST orders/fulfillOnline and GET orders/shippingLabel', () => {
    it('fulfills the orders online as one parcel, then serves a PDF label until and after pickup', async () => {
      const a = create({ onlineShippingRequirement: 'onlineOnly' });
      const b = create({ onlineShippingRequirement: 'offlineOrOnline' });
      const res = await post('fulfillOnline', { ids: [a, b], provider: 'Joom Logistics', pickup: true, pickupAddressId: 'wh-1' }).expect(200);
      expect(res.body).toEqual({ data: { trackingNumber: expect.stringMatching(/^[A-Z0-9]+$/), shippingOrderNumber: expect.any(String), shipperName: 'YunExpress' } });
      for (const id of [a, b]) {
        expect(await get(id)).toEqual(expect.objectContaining({ status: 'fulfilledOnline', shipment: expect.objectContaining({ trackingNumber: res.body.data.trackingNumber }) }));
        expect(t.effects(id, 'fulfill_online')).toBe(1);
      }
      const label = await t.http().get(`/api/v3/orders/shippingLabel?id=${a}`).set(auth()).responseType('blob').expect(200);
      expect(label.headers['content-type']).toBe('application/pdf');
      expect(label.headers['x-rate-limit-limit']).toBe('2000');
      const pdf = (label.body as Buffer).toString('latin1');
      expect(pdf.startsWith('%PDF-')).toBe(true);
      expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
      expect(pdf).toContain(res.body.data.trackingNumber);

      expect((await post('fulfillOnline', { ids: [a], provider: 'Joom Logistics' }).expect(400)).body).toEqual(errors('invalid_state'));
      expect(t.effects(a, 'fulfill_online')).toBe(1);
      t.simulator.act('ship-online', { orderId: a });
      expect((await get(a)).status).toBe('shipped');
      await t.http().get(`/api/v3/orders/shippingLabel?id=${a}`).set(auth()).expect(200);
    });

    it('refuses the whole batch when one order cannot go online, changing none', async () => {
      const ok = create({ onlineShippingRequirement: 'onlineOnly' });
      const offline = create({ onlineShippingRequirement: 'offlineOnly' });
      expect((await post('fulfillOnline', { ids: [ok, offline], providerId: JOOM_V3_SHIPPERS[0].id }).expect(400)).body).toEqual(errors('invalid_state'));
      expect((await get(ok)).status).toBe('approved');
      expect(t.effects(ok, 'fulfill_online')).toBe(0);
    });

    it.each([
      ['no ids', { provider: 'Joom Logistics' }, 'ids'],
      ['empty ids', { ids: [], provider: 'Joom Logistics' }, 'ids'],
      ['an offline-only shipper', { ids: ['X'], provider: 'DHL' }, 'provider'],
      ['pickup without pickupAddressId', { ids: ['X'], provider: 'Joom Logistics', pickup: true }, 'pickupAddressId'],
      ['pickup from a shipper without pickup', { ids: ['X'], provider: 'Cainiao', pickup: true, pickupAddressId: 'w' }, 'pickup'],
    ])('refuses %s', async (_, body, field) => {
      const id = create({ onlineShippingRequirement: 'onlineOnly' });
      const ids = (body as { ids?: string[] }).ids?.map(() => id);
      expect((await post('fulfillOnline', { ...body, ...(ids ? { ids } : {}) }).expect(400)).body).toEqual(errors('invalid_argument', field));
      expect(t.effects(id, 'fulfill_online')).toBe(0);
    });

    it('has no label for orders not fulfilled online', async () => {
      const approved = create();
      expect((await t.http().get(`/api/v3/orders/shippingLabel?id=${approved}`).set(auth()).expect(400)).body).toEqual(errors('invalid_state'));
      const offline = create({ onlineShippingRequirement: 'offlineOnly' });
      await post(`fulfill?id=${offline}`, { provider: 'DHL', trackingNumber: 'A1' }).expect(200);
      await t.http().get(`/api/v3/orders/shippingLabel?id=${offline}`).set(auth()).expect(400);
      await t.http().get('/api/v3/orders/shippingLabel?id=ZZZZ0000').set(auth()).expect(404);
    });
  });

  describe('POST orders/modifyTracking', () => {
    it('changes tracking of an offline-shipped order', async () => {
      const id = create({ onlineShippingRequirement: 'offlineOnly' });
      await post(`fulfill?id=${id}`, { provider: 'DHL', trackingNumber: 'A1' }).expect(200);
      const res = await post(`modifyTracking?id=${id}`, { provider: 'EMS', trackingNumber: 'EE123' }).expect(200);
      expect(res.body.data.shipment).toEqual(expect.objectContaining({ provider: 'EMS', trackingNumber: 'EE123' }));
      expect(t.effects(id, 'modify_tracking')).toBe(1);
    });

    it('refuses orders not shipped offline, and bad input', async () => {
      const approved = create();
      expect((await post(`modifyTracking?id=${approved}`, { provider: 'EMS', trackingNumber: 'E1' }).expect(400)).body).toEqual(errors('invalid_state'));
      const online = create({ onlineShippingRequirement: 'onlineOnly' });
      await post('fulfillOnline', { ids: [online], provider: 'Joom Logistics' }).expect(200);
      t.simulator.act('ship-online', { orderId: online });
      expect((await post(`modifyTracking?id=${online}`, { provider: 'EMS', trackingNumber: 'E1' }).expect(400)).body).toEqual(errors('invalid_state'));
      const shipped = create({ onlineShippingRequirement: 'offlineOnly' });
      await post(`fulfill?id=${shipped}`, { provider: 'DHL', trackingNumber: 'A1' }).expect(200);
      expect((await post(`modifyTracking?id=${shipped}`, { provider: 'EMS', trackingNumber: 'E 1' }).expect(400)).body).toEqual(errors('invalid_argument', 'trackingNumber'));
      for (const id of [approved, online, shipped]) expect(t.effects(id, 'modify_tracking')).toBe(0);
    });
  });

  describe('POST orders/cancel', () => {
    it('cancels an approved order once, with reason and note', async () => {
      const id = create();
      const res = await post(`cancel?id=${id}`, { reason: 'outOfStock', note: 'Нет на складе' }).expect(200);
      expect(res.body.data).toEqual(expect.objectContaining({ status: 'cancelled', refund: expect.objectContaining({ by: 'merchant', reason: 'outOfStock', note: 'Нет на складе' }) }));
      expect(res.body.data.priceInfo.refundAmount).toBe(res.body.data.priceInfo.orderPrice);
      expect((await post(`cancel?id=${id}`, {}).expect(400)).body).toEqual(errors('invalid_state'));
      expect(t.effects(id, 'cancel')).toBe(1);
    });

    it('cancels without a body, and a fulfilledOnline order not yet picked up', async () => {
      const a = create();
      await t.http().post(`/api/v3/orders/cancel?id=${a}`).set(auth()).expect(200);
      const b = create({ onlineShippingRequirement: 'onlineOnly' });
      await post('fulfillOnline', { ids: [b], provider: 'Joom Logistics' }).expect(200);
      await post(`cancel?id=${b}`, { reason: 'unableToFulfill' }).expect(200);
      expect([t.effects(a, 'cancel'), t.effects(b, 'cancel')]).toEqual([1, 1]);
    });

    it('refuses shipped orders and unknown reasons', async () => {
      const shipped = create({ status: 'shipped' });
      expect((await post(`cancel?id=${shipped}`, {}).expect(400)).body).toEqual(errors('invalid_state'));
      const approved = create();
      expect((await post(`cancel?id=${approved}`, { reason: 'changedMyMind' }).expect(400)).body).toEqual(errors('invalid_argument', 'reason'));
      expect((await get(approved)).status).toBe('approved');
      expect([t.effects(shipped, 'cancel'), t.effects(approved, 'cancel')]).toEqual([0, 0]);
    });
  });
});
