import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SANDBOX_DEFAULT_TOKENS } from '../core/sandbox-config';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { AkinonModule } from './akinon.module';
import { AkinonSettings } from './akinon.settings';
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

  afterEach(() => app.get(AkinonSettings).restore());
  const post = (id: string) => request(app.getHttpServer()).post(`/api/i1/order-items/${id}/reject/`);

  describe('by default, as the document shows each route (docs/api-decisions.md AK-2)', () => {
    it('reads the GETs\' token from "Authentication", in the Bearer or Token scheme', async () => {
      const res = await get().set('Authentication', `Bearer ${TOKEN}`).expect(200);
      expect(res.body.count).toBe(5);
      await get().set('Authentication', `Token ${TOKEN}`).expect(200);
    });

    it('refuses a GET that carries the token only in "Authorization"', async () => {
      const res = await get().set('Authorization', `Bearer ${TOKEN}`).expect(401);
      expect(res.body).toEqual({ detail: 'Authentication credentials were not provided.' });
    });

    it('reads the reject\'s token from "Authorization" and refuses it in "Authentication" alone', async () => {
      await post('x').set('Authentication', `Bearer ${TOKEN}`).expect(401);
      await post('x').set('Authorization', `Bearer ${TOKEN}`).expect(404); // authenticated; no such item
    });

    it('accepts a client that sends both headers on every route', async () => {
      const both = { Authentication: `Bearer ${TOKEN}`, Authorization: `Bearer ${TOKEN}` };
      await get().set(both).expect(200);
      await post('x').set(both).expect(404);
    });
  });

  it('"authorization" reads Authorization on every route; "any" accepts either header', async () => {
    app.get(AkinonSettings).configure({ authHeaders: 'authorization' });
    await get().set('Authorization', `Bearer ${TOKEN}`).expect(200);
    await get().set('Authentication', `Bearer ${TOKEN}`).expect(401);
    app.get(AkinonSettings).configure({ authHeaders: 'any' });
    await get().set('Authorization', `Token ${TOKEN}`).expect(200);
    await get().set('Authentication', `Bearer ${TOKEN}`).expect(200);
    expect(() => app.get(AkinonSettings).configure({ authHeaders: 'sometimes' })).toThrow('authHeaders must be one of');
  });

  it('answers 401 with a DRF detail and a Token challenge when no credentials are sent', async () => {
    const res = await get().expect(401);
    expect(res.body).toEqual({ detail: 'Authentication credentials were not provided.' });
    expect(res.headers['www-authenticate']).toBe('Token');
  });

  it('answers 401 "Invalid token." for a wrong token, on every endpoint', async () => {
    for (const path of ['/api/i1/orders/', '/api/i1/order-items/', '/api/i1/cancellation-plans/', '/api/i1/customer-addresses/']) {
      const res = await get(path).set('Authentication', 'Bearer wrong').expect(401);
      expect(res.body).toEqual({ detail: 'Invalid token.' });
    }
    await request(app.getHttpServer()).post('/api/i1/order-items/x/reject/').set('Authorization', 'Token wrong').expect(401);
  });

  it('treats an unknown scheme as no credentials, and a bare scheme as a malformed header', async () => {
    expect((await get().set('Authentication', `Basic ${TOKEN}`).expect(401)).body.detail).toBe('Authentication credentials were not provided.');
    expect((await get().set('Authentication', 'Bearer').expect(401)).body.detail).toBe('Invalid token header. No credentials provided.');
    expect((await get().set('Authentication', `Bearer ${TOKEN} extra`).expect(401)).body.detail).toContain('should not contain spaces');
  });

  it('answers 406 when the Accept header cannot be satisfied', async () => {
    const res = await get().set('Authentication', `Bearer ${TOKEN}`).set('Accept', 'text/html').expect(406);
    expect(res.body).toEqual({ detail: 'Could not satisfy the request Accept header.' });
  });
});
