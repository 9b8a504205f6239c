import { createSimulatorTestApp, SimulatorTestApp } from '../core/testing/simulator-test-app';
import { JOOM_ACCEPTED_PROVIDERS } from '../joom-shared/carriers';
import { JoomV3Module } from './joom-v3.module';
import { JoomV3Simulator } from './joom-v3.simulator';

type Shipper = { id: string; name: string; offlineShipping: boolean };

/** v3 accepts the shippers GET /shippers lists, by id or name, and nothing else; the label is a PDF or a 406. */
describe('Joom v3 shippers and the shipping label', () => {
  let t: SimulatorTestApp<JoomV3Simulator>;
  const auth = () => ({ Authorization: `Bearer ${t.config.joomToken}` });
  const create = (params: Record<string, unknown>) => (t.simulator.act('create-order', { country: 'US', ...params }) as { id: string }).id;
  const shippers = async (): Promise<Shipper[]> => (await t.http().get('/api/v3/shippers').set(auth()).expect(200)).body.data.items;
  const fulfill = (id: string, body: object) => t.http().post(`/api/v3/orders/fulfill?id=${id}`).set(auth()).send(body);

  beforeAll(async () => {
    t = await createSimulatorTestApp(JoomV3Module, JoomV3Simulator);
  });
  afterAll(() => t.app.close());
  beforeEach(() => {
    t.simulator.seed(5, 3);
    t.ledger.clear();
  });

  it('lists every provider of the document with a fixed id, and UPS and FedEx (docs/api-decisions.md CA-4)', async () => {
    const list = await shippers();
    const names = list.map((shipper) => shipper.name);
    for (const [english] of JOOM_ACCEPTED_PROVIDERS) expect(names).toContain(english);
    expect(names).toEqual(expect.arrayContaining(['Yun Express', 'UPS', 'FedEx']));
    expect(new Set(list.map((shipper) => shipper.id)).size).toBe(list.length);
    expect(list.every((shipper) => /^[0-9a-f]{24}$/.test(shipper.id))).toBe(true);
    expect(await shippers()).toEqual(list);
  });

  it('fulfils with the providerId of UPS, and refuses a carrier it does not list, by name or id', async () => {
    const ups = (await shippers()).find((shipper) => shipper.name === 'UPS')!;
    const shipped = create({ onlineShippingRequirement: 'offlineOnly' });
    const res = await fulfill(shipped, { providerId: ups.id, trackingNumber: '1Z999AA10123456784' }).expect(200);
    expect(res.body.data.shipment).toEqual(expect.objectContaining({ provider: 'UPS', providerId: ups.id }));
    expect(t.effects(shipped, 'fulfill')).toBe(1);

    const refused = create({ onlineShippingRequirement: 'offlineOnly' });
    expect((await fulfill(refused, { provider: 'ONTRAC', trackingNumber: 'D12345678901234' }).expect(400)).body.errors[0]).toEqual(
      expect.objectContaining({ code: 'invalid_argument', field: 'provider' }),
    );
    expect((await fulfill(refused, { providerId: 'ffffffffffffffffffffffff', trackingNumber: 'D12345678901234' }).expect(400)).body.errors[0]).toEqual(
      expect.objectContaining({ field: 'providerId' }),
    );
    expect(t.effects(refused, 'fulfill')).toBe(0);
  });

  it('answers the label only to a request that accepts application/pdf (406 otherwise)', async () => {
    const id = create({ onlineShippingRequirement: 'onlineOnly' });
    await t
      .http()
      .post('/api/v3/orders/fulfillOnline')
      .set(auth())
      .send({ ids: [id], provider: 'Joom Logistics' })
      .expect(200);
    const label = (accept?: string) => {
      const req = t.http().get(`/api/v3/orders/shippingLabel?id=${id}`).set(auth());
      return accept === undefined ? req : req.set('Accept', accept);
    };
    const refused = await label('application/json').expect(406);
    expect(refused.body).toEqual({ errors: [expect.objectContaining({ code: 'not_acceptable' })] });
    await label('text/html').expect(406);
    for (const accept of ['application/pdf', 'application/pdf, application/json;q=0.5', '*/*', 'application/*', undefined]) {
      const ok = await label(accept).expect(200);
      expect(ok.headers['content-type']).toBe('application/pdf');
    }
  });
});
