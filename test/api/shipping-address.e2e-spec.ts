import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CanonicalOrder } from '@app/orders';
import { auth, startApi } from '../support/api-fixture';
import { expectErrorAnswer } from '../support/bad-input-fixtures';
import { flushRedis, insert, newOrder, openStore, StoreFixture } from '../support/store-fixtures';

jest.setTimeout(30_000);

/** The document's example address, unresolved: no city, no country (docs/api-decisions.md AK-7). */
const UNRESOLVED = { missing: ['countryCode', 'city'], unresolved: { country: 'b08eb673-dcd4-483c-a8b9-59ed76b64a1b', city: '2e1adb7c-e1e8-471a-a483-0257d52fb0bc' } };
const CORRECTED = { name: 'Şükrü Öztürk', lines: ['Bağdat Cd. No:12', 'Caferağa, Kadıköy'], city: 'İstanbul', postalCode: '34710', countryCode: 'TR', phone: '+905551112233' };

/**
 * PUT /v1/orders/{id}/shipping-address against the real api and Redis
 * (docs/api-decisions.md AK-8, AK-9), and the 422 that fulfil-via-Flexport
 * answers while the address is incomplete.
 */
describe('PUT /v1/orders/{id}/shipping-address', () => {
  let app: INestApplication;
  let store: StoreFixture;
  let http: ReturnType<typeof request>;

  const flagged = () =>
    insert(
      store.repository,
      newOrder({
        channel: 'akinon',
        shippingAddress: { name: 'Akinon Akinon', lines: ['Address Text'], city: '', region: null, postalCode: '34000', countryCode: '', phone: null, email: null },
        channelAddressFingerprint: 'f'.repeat(32),
        attention: { code: 'address_incomplete', message: 'Shipping address lacks countryCode, city', since: '2024-01-01T00:00:00.000Z', details: UNRESOLVED },
      } as Partial<CanonicalOrder>),
    );

  beforeAll(async () => {
    await flushRedis();
    store = await openStore();
    app = await startApi();
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('refuses fulfil via Flexport with 422 address_incomplete while the address is incomplete, and does not offer it', async () => {
    const order = await flagged();
    const read = await http.get(`/v1/orders/${order.id}`).set(auth).expect(200);
    expect(read.body.allowedActions).toEqual(['cancel', 'reject']);
    const refused = await http.post(`/v1/orders/${order.id}/fulfill`).set(auth).send({ mode: 'flexport' });
    expectErrorAnswer(refused, 422, 'address_incomplete');
    expect(refused.body.details).toEqual({ missing: ['countryCode', 'city'] });
    expect((await store.repository.getOrThrow(order.id)).version).toBe(1);
  });

  it('stores the correction with a history entry (actor, before, after), clears the flag and answers the order', async () => {
    const order = await flagged();
    const { body } = await http.put(`/v1/orders/${order.id}/shipping-address`).set(auth).send(CORRECTED).expect(200);
    expect(body).toMatchObject({
      id: order.id,
      version: 2,
      attention: null,
      shippingAddress: { ...CORRECTED, region: null, email: null },
      addressCorrection: { by: expect.stringMatching(/^api-key:/), at: expect.any(String), channelFingerprint: 'f'.repeat(32) },
      allowedActions: ['fulfill:flexport', 'cancel', 'reject'],
    });
    const history = await http.get(`/v1/orders/${order.id}/history`).set(auth).expect(200);
    expect(history.body.items.at(-1)).toEqual(
      expect.objectContaining({
        kind: 'annotation',
        version: 2,
        cause: 'command',
        actor: body.addressCorrection.by,
        note: 'shipping address corrected',
        details: { before: order.shippingAddress, after: body.shippingAddress },
      }),
    );
  });

  it.each([
    ['a missing city', { ...CORRECTED, city: undefined }, 'city'],
    ['an empty street line list', { ...CORRECTED, lines: [] }, 'lines'],
    ['a three-letter country code', { ...CORRECTED, countryCode: 'TUR' }, 'countryCode'],
    ['a lower-case country code', { ...CORRECTED, countryCode: 'tr' }, 'countryCode'],
    ['a country code that is no country', { ...CORRECTED, countryCode: 'XX' }, 'countryCode'],
    ['an unknown field', { ...CORRECTED, province: 'x' }, 'province'],
    ['a name with a control character', { ...CORRECTED, name: 'a\u0000b' }, 'name'],
  ])('answers 400 naming the field for %s, and changes nothing', async (_case, body, field) => {
    const order = await flagged();
    const response = await http.put(`/v1/orders/${order.id}/shipping-address`).set(auth).send(body);
    expectErrorAnswer(response, 400, 'validation_failed', field);
    const stored = await store.repository.getOrThrow(order.id);
    expect(stored).toEqual(order);
  });

  it.each([
    ['not JSON', '{"name": "x",', 'application/json', 400, 'malformed_body'],
    ['a JSON array', '[]', 'application/json', 400, 'malformed_body'],
    ['no body', undefined, 'application/json', 400, 'validation_failed'],
    ['a form body', 'name=x', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
  ])('refuses %s with %s, and changes nothing', async (_case, raw, type, status, code) => {
    const order = await flagged();
    let put = http.put(`/v1/orders/${order.id}/shipping-address`).set(auth).set('Content-Type', type);
    if (raw !== undefined) put = put.serialize((body: unknown) => body as string).send(raw);
    expectErrorAnswer(await put, status as number, code as string);
    expect(await store.repository.getOrThrow(order.id)).toEqual(order);
  });

  it('answers 404 for an unknown order and 409 address_not_correctable once the order is handed to a provider', async () => {
    expectErrorAnswer(await http.put('/v1/orders/ord_000000000000000000000000/shipping-address').set(auth).send(CORRECTED), 404, 'order_not_found');
    const shipped = await insert(store.repository, newOrder({ status: 'shipped' }));
    const refused = await http.put(`/v1/orders/${shipped.id}/shipping-address`).set(auth).send(CORRECTED);
    expectErrorAnswer(refused, 409, 'address_not_correctable');
    expect((await store.repository.getOrThrow(shipped.id)).version).toBe(1);
  });

  it('is documented in the OpenAPI document with its body', async () => {
    const { body } = await http.get('/docs-json').expect(200);
    const put = body.paths['/v1/orders/{id}/shipping-address'].put;
    expect(put.requestBody.content['application/json'].schema.$ref).toContain('ShippingAddressBody');
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
    expect(body.components.schemas.ShippingAddressBody.properties.countryCode.example).toBe('TR');
  });
});
