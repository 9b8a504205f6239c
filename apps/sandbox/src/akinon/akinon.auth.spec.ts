import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { AkinonModule } from './akinon.module';
import { AkinonSimulator } from './akinon.simulator';

const TOKEN = SANDBOX_DEFAULT_TOKENS.akinon;

describe('Akinon auth', () => {
  let app: INestApplication;
  const get = (path = '/api/i1/orders/') => request(app.getHttpServer()).get(path);

  beforeAll(async () => {
    app = await createSandboxTestApp([AkinonModule]);
    app.get(AkinonSimulator).seed(5, 1);
  });
  afterAll(() => app.close());

  it('accepts "Authorization: Bearer <token>"', async () => {
    const res = await get().set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.body.count).toBe(5);
  });

  it('accepts "Authorization: Token <token>"', async () => {
    await get().set('Authorization', `Token ${TOKEN}`).expect(200);
  });

  it("accepts the document's misspelt Authentication header", async () => {
    await get().set('Authentication', `Bearer ${TOKEN}`).expect(200);
  });

  it('answers 401 with a DRF detail and a Token challenge when no credentials are sent', async () => {
    const res = await get().expect(401);
    expect(res.body).toEqual({ detail: 'Authentication credentials were not provided.' });
    expect(res.headers['www-authenticate']).toBe('Token');
  });

  it('answers 401 "Invalid token." for a wrong token, on every endpoint', async () => {
    for (const path of ['/api/i1/orders/', '/api/i1/order-items/', '/api/i1/cancellation-plans/', '/api/i1/customer-addresses/']) {
      const res = await get(path).set('Authorization', 'Bearer wrong').expect(401);
      expect(res.body).toEqual({ detail: 'Invalid token.' });
    }
    await request(app.getHttpServer()).post('/api/i1/order-items/x/reject/').set('Authorization', 'Token wrong').expect(401);
  });

  it('treats an unknown scheme as no credentials, and a bare scheme as a malformed header', async () => {
    expect((await get().set('Authorization', `Basic ${TOKEN}`).expect(401)).body.detail).toBe('Authentication credentials were not provided.');
    expect((await get().set('Authorization', 'Bearer').expect(401)).body.detail).toBe('Invalid token header. No credentials provided.');
    expect((await get().set('Authorization', `Bearer ${TOKEN} extra`).expect(401)).body.detail).toContain('should not contain spaces');
  });

  it('answers 406 when the Accept header cannot be satisfied', async () => {
    const res = await get().set('Authorization', `Bearer ${TOKEN}`).set('Accept', 'text/html').expect(406);
    expect(res.body).toEqual({ detail: 'Could not satisfy the request Accept header.' });
  });
});
