import type { FastifyReply, FastifyRequest } from 'fastify';
import { indexApiKeys, matchApiKey } from './api-keys';
import { apiKeyFromAuthorization, DASHBOARD_CHALLENGE, dashboardAuthHook } from './dashboard-auth.hook';

const KEY = 'dashboard-key-0123456789abcdef';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('apiKeyFromAuthorization', () => {
  it.each([
    ['Bearer', `Bearer ${KEY}`, KEY],
    ['bearer, any case', `bearer ${KEY}`, KEY],
    ['Basic: the password, whatever the user name', basic('ops', KEY), KEY],
    ['Basic with an empty user name', basic('', KEY), KEY],
    ['Basic password containing colons', basic('ops', 'a:b:c'), 'a:b:c'],
    ['Basic without a password', basic('ops', ''), null],
    ['Basic without a colon', `Basic ${Buffer.from(KEY).toString('base64')}`, null],
    ['another scheme', `Token ${KEY}`, null],
    ['a scheme alone', 'Bearer', null],
    ['extra words', `Bearer ${KEY} more`, null],
    ['missing', undefined, null],
  ])('%s', (_case, header, expected) => {
    expect(apiKeyFromAuthorization(header)).toBe(expected);
  });
});

describe('matchApiKey', () => {
  const accepted = indexApiKeys(['other-key-0123456789abcdef', KEY]);

  it('names the caller by a digest prefix, never the key', () => {
    expect(matchApiKey(accepted, KEY)).toMatch(/^api-key:[0-9a-f]{8}$/);
    expect(matchApiKey(accepted, KEY)).not.toContain(KEY.slice(0, 8));
  });

  it('refuses an unknown key, a prefix of a key and the empty string', () => {
    expect(matchApiKey(accepted, 'wrong-key-0123456789abcdef')).toBeNull();
    expect(matchApiKey(accepted, KEY.slice(0, -1))).toBeNull();
    expect(matchApiKey(accepted, '')).toBeNull();
  });
});

describe('dashboardAuthHook', () => {
  const ADMIN_KEY = 'dashboard-admin-key-0123456789';
  const hook = dashboardAuthHook(indexApiKeys([KEY], [ADMIN_KEY]));

  function run(authorization?: string, method = 'GET') {
    const headers = new Map<string, string>();
    const answer: { status?: number; body?: unknown } = {};
    const reply = {
      code(status: number) {
        answer.status = status;
        return reply;
      },
      header(name: string, value: string) {
        headers.set(name, value);
        return reply;
      },
      send(body: unknown) {
        answer.body = body;
        return reply;
      },
    };
    const done = jest.fn();
    hook.call(undefined as never, { method, headers: { authorization } } as FastifyRequest, reply as unknown as FastifyReply, done);
    return { done, answer, challenge: headers.get('WWW-Authenticate') };
  }

  it.each([
    ['a Bearer API key', `Bearer ${KEY}`],
    ['Basic auth whose password is an API key', basic('anyone', KEY)],
  ])('lets through %s', (_case, header) => {
    const { done, answer, challenge } = run(header);
    expect(answer).toEqual({});
    expect(done).toHaveBeenCalledTimes(1);
    expect(challenge).toBeUndefined();
  });

  it.each([
    ['a wrong Bearer key', 'Bearer wrong-key-0123456789abcdef', 'API key not recognised'],
    ['a wrong Basic password', basic('ops', 'wrong-key-0123456789abcdef'), 'API key not recognised'],
    ['the key as the Basic user name', basic(KEY, 'x'), 'API key not recognised'],
    ['no credentials', undefined, 'sign in with an API key'],
  ])('answers 401 in the error shape with a Basic challenge for %s', (_case, header, message) => {
    const { done, answer, challenge } = run(header);
    expect(done).not.toHaveBeenCalled();
    expect(answer).toEqual({ status: 401, body: { statusCode: 401, code: 'unauthorized', message: expect.stringContaining(message) } });
    expect(challenge).toBe(DASHBOARD_CHALLENGE);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses a %s from a key that is not an admin key: 403 in the error shape, no challenge', (method) => {
    const { done, answer, challenge } = run(`Bearer ${KEY}`, method);
    expect(done).not.toHaveBeenCalled();
    expect(answer).toEqual({ status: 403, body: { statusCode: 403, code: 'forbidden', message: expect.stringContaining('admin key') } });
    expect(challenge).toBeUndefined();
  });

  it.each(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'])('lets an admin key %s, as Bearer or Basic password', (method) => {
    for (const header of [`Bearer ${ADMIN_KEY}`, basic('ops', ADMIN_KEY)]) {
      const { done, answer } = run(header, method);
      expect(answer).toEqual({});
      expect(done).toHaveBeenCalledTimes(1);
    }
  });

  it('lets a key that is not an admin key read (GET, HEAD)', () => {
    for (const method of ['GET', 'HEAD']) expect(run(basic('ops', KEY), method).done).toHaveBeenCalledTimes(1);
  });
});

describe('indexApiKeys', () => {
  it('accepts keys from both lists, marks only ADMIN_API_KEYS as admin, and names a key the same in either list', () => {
    const both = 'key-in-both-lists-0123456789';
    const keys = indexApiKeys([KEY, both], ['admin-only-key-0123456789', both]);
    expect(keys.get(KEY)).toEqual({ callerId: expect.stringMatching(/^api-key:[0-9a-f]{8}$/), admin: false });
    expect(keys.get(both)).toEqual({ callerId: indexApiKeys([both]).get(both)!.callerId, admin: true });
    expect(keys.get('admin-only-key-0123456789')?.admin).toBe(true);
    expect(indexApiKeys([KEY], []).get(KEY)?.admin).toBe(false);
  });
});
