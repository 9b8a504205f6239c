import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ControlModule } from '../control/control.module';
import { createSandboxTestApp } from '../core/testing/sandbox-test-app';
import { JoomV2Module } from '../joom-v2/joom-v2.module';
import { JoomV3Module } from '../joom-v3/joom-v3.module';

const STATIC = 'static-joom-token-1';
const APP = { clientId: 'sandbox-app', clientSecret: 'sandbox-app-secret-1', refreshToken: 'first-refresh-token-1' };

/** The refresh endpoint, rotation, expiry by calls and by time, and the static mode that stays the default. */
describe('Joom OAuth in the sandbox', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const refresh = (refreshToken: string, overrides: Record<string, string> = {}) =>
    http()
      .post('/api/v2/oauth/refresh_token')
      .type('form')
      .send({ client_id: APP.clientId, client_secret: APP.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken, ...overrides });
  const v3 = (token: string) => http().get('/api/v3/shippers').set('Authorization', `Bearer ${token}`);
  const v2 = (token: string) => http().get('/api/v2/auth_test').set('Authorization', `Bearer ${token}`);
  const configure = (settings: Record<string, unknown> = {}) =>
    http()
      .put('/__sandbox/joom-oauth')
      .send({ ...APP, ...settings })
      .expect(200);

  beforeAll(async () => {
    app = await createSandboxTestApp([JoomV2Module, JoomV3Module, ControlModule], { joomToken: STATIC });
  });
  afterAll(() => app.close());
  beforeEach(() => http().post('/__sandbox/reset').expect(200));

  it('keeps the static token as the only credential until OAuth is configured', async () => {
    await v3(STATIC).expect(200);
    await v2(STATIC).expect(200);
    const refused = await refresh(APP.refreshToken).expect(401);
    expect(refused.body).toMatchObject({ code: 4000 });
    expect((await http().get('/__sandbox/joom-oauth').expect(200)).body).toMatchObject({ enabled: false });
  });

  it('issues tokens in the v2 envelope, rotates the refresh token and refuses the old one', async () => {
    await configure();
    const first = await refresh(APP.refreshToken).expect(200);
    expect(first.body).toEqual({
      code: 0,
      message: '',
      data: { access_token: expect.any(String), refresh_token: expect.any(String), expires_in: expect.any(Number), expiry_time: expect.any(Number), token_type: 'Bearer' },
    });
    expect(first.body.data.refresh_token).not.toBe(APP.refreshToken);
    await v3(first.body.data.access_token).expect(200);
    await v2(first.body.data.access_token).expect(200);

    const old = await refresh(APP.refreshToken).expect(400);
    expect(old.body).toEqual({ code: 1000, data: 2010, message: expect.stringContaining('already been used') });
    const second = await refresh(first.body.data.refresh_token).expect(200);
    await refresh(first.body.data.refresh_token).expect(400);
    await v3(second.body.data.access_token).expect(200);
    expect((await http().get('/__sandbox/joom-oauth').expect(200)).body).toMatchObject({ enabled: true, refreshes: 2, refusedRefreshes: 2 });
  });

  it('refuses the static token once OAuth is on, unless told to accept it', async () => {
    await configure();
    await v3(STATIC).expect(401);
    await configure({ acceptStaticToken: true });
    await v3(STATIC).expect(200);
  });

  it('expires an access token after N calls, across v2 and v3', async () => {
    await configure({ accessTokenCalls: 3 });
    const { body } = await refresh(APP.refreshToken).expect(200);
    await v3(body.data.access_token).expect(200);
    await v2(body.data.access_token).expect(200);
    await v3(body.data.access_token).expect(200);
    const expired = await v3(body.data.access_token).expect(401);
    expect(expired.body).toEqual({ errors: [{ code: 'unauthorized', message: 'Invalid or expired access token' }] });
    await v2(body.data.access_token).expect(401);
  });

  it('expires an access token after its time to live, and says when in expires_in / expiry_time', async () => {
    await configure({ accessTokenTtlMs: 2_000 });
    const before = Math.floor(Date.now() / 1000);
    const { body } = await refresh(APP.refreshToken).expect(200);
    expect(body.data.expires_in).toBe(2);
    expect(body.data.expiry_time).toBeGreaterThanOrEqual(before + 2);
    await v3(body.data.access_token).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await v3(body.data.access_token).expect(401);
  });

  it.each([
    ['a wrong client secret', { client_secret: 'nope' }, 401, 4000],
    ['a wrong grant_type', { grant_type: 'authorization_code' }, 400, 1000],
    ['no refresh_token', { refresh_token: '' }, 400, 1000],
  ])('refuses %s in the v2 envelope', async (_, overrides, status, code) => {
    await configure();
    const res = await refresh(APP.refreshToken, overrides as Record<string, string>).expect(status);
    expect(res.body.code).toBe(code);
    // The grant survives a malformed or unauthenticated request.
    await refresh(APP.refreshToken).expect(200);
  });

  it('refuses every refresh after a revoke, and never shows a token on the control plane', async () => {
    await configure();
    const status = (await http().post('/__sandbox/joom-oauth/revoke').expect(200)).body;
    expect(JSON.stringify(status)).not.toContain(APP.refreshToken);
    expect(JSON.stringify(status)).not.toContain(APP.clientSecret);
    await refresh(APP.refreshToken).expect(400);
  });

  it('refuses bad control-plane settings with a 400 naming the field', async () => {
    const res = await http().put('/__sandbox/joom-oauth').send({ clientId: 'x', clientSecret: 'y' }).expect(400);
    expect(res.body.error).toContain('refreshToken');
    await http()
      .put('/__sandbox/joom-oauth')
      .send({ ...APP, accessTokenCalls: -1 })
      .expect(400);
  });

  it('goes back to the environment setup (static here) on reset', async () => {
    await configure();
    await http().post('/__sandbox/reset').expect(200);
    await v3(STATIC).expect(200);
  });
});
