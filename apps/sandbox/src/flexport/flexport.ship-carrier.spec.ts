import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ControlModule } from '../control/control.module';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { FlexportModule } from './flexport.module';
import { createOrderBody } from './flexport.test-data';

const BASE = '/logistics/api/2024-04';
const AUTH = `Bearer ${SANDBOX_DEFAULT_TOKENS.flexport}`;

/** A test chooses the carrier Flexport ships with (`ship` with `carrier`), e.g. UPS for the Joom carrier loop. */
describe('Flexport ship: the carrier a test asks for', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const create = async () => (await http().post(`${BASE}/orders`).set('Authorization', AUTH).send(createOrderBody()).expect(200)).body;
  const ship = (params: object) => http().post('/__sandbox/flexport/actions/ship').send(params);

  beforeAll(async () => {
    app = await createSandboxTestApp([FlexportModule, ControlModule]);
  });
  afterAll(() => app.close());

  it.each([
    ['UPS', /^1Z[0-9A-F]{16}$/],
    ['FEDEX', /^\d{12}$/],
    ['ONTRAC', /^D\d{14}$/],
  ])('ships with %s and its tracking code', async (carrier, code) => {
    const order = await create();
    const label = (await ship({ orderId: order.id, carrier }).expect(200)).body.result.shipments[0].packages[0].label;
    expect(label).toMatchObject({ carrier, trackingCode: expect.stringMatching(code) });
  });

  it('refuses a carrier it does not know, and leaves the order CREATED', async () => {
    const order = await create();
    expect(JSON.stringify((await ship({ orderId: order.id, carrier: 'PONY' }).expect(400)).body)).toContain('must be one of USPS, UPS, FEDEX, DHL_ECOMMERCE, ONTRAC');
    const read = (await http().get(`${BASE}/orders/${order.id}`).set('Authorization', AUTH).expect(200)).body;
    expect(read.state.internalStatus).toBe('CREATED');
  });
});
