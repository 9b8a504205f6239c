import { UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { GatewayConfig } from '@app/config';
import { digestApiKeys, matchApiKey } from './api-keys';
import { apiKeyFromAuthorization, DASHBOARD_CHALLENGE, DashboardAuthMiddleware } from './dashboard-auth.middleware';

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
  const accepted = digestApiKeys(['other-key-0123456789abcdef', KEY]);

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

describe('DashboardAuthMiddleware', () => {
  const middleware = new DashboardAuthMiddleware({ apiKeys: [KEY] } as unknown as GatewayConfig);

  function run(authorization?: string) {
    const headers = new Map<string, string>();
    const res = { setHeader: (name: string, value: string) => headers.set(name, value) } as unknown as Response;
    const next = jest.fn();
    let error: unknown;
    try {
      middleware.use({ headers: { authorization } } as Request, res, next);
    } catch (thrown) {
      error = thrown;
    }
    return { next, error, challenge: headers.get('WWW-Authenticate') };
  }

  it.each([
    ['a Bearer API key', `Bearer ${KEY}`],
    ['Basic auth whose password is an API key', basic('anyone', KEY)],
  ])('lets through %s', (_case, header) => {
    const { next, error, challenge } = run(header);
    expect(error).toBeUndefined();
    expect(next).toHaveBeenCalledTimes(1);
    expect(challenge).toBeUndefined();
  });

  it.each([
    ['a wrong Bearer key', 'Bearer wrong-key-0123456789abcdef', 'API key not recognised'],
    ['a wrong Basic password', basic('ops', 'wrong-key-0123456789abcdef'), 'API key not recognised'],
    ['the key as the Basic user name', basic(KEY, 'x'), 'API key not recognised'],
    ['no credentials', undefined, 'sign in with an API key'],
  ])('answers 401 with a Basic challenge for %s', (_case, header, message) => {
    const { next, error, challenge } = run(header);
    expect(next).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect((error as UnauthorizedException).getResponse()).toEqual({ code: 'unauthorized', message: expect.stringContaining(message) });
    expect(challenge).toBe(DASHBOARD_CHALLENGE);
  });
});
