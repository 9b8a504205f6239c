import { AxiosInstance } from 'axios';
import { RemoteTransientError } from '@app/adapters';
import { JoomAccessTokens, StaticJoomToken } from './joom-access-tokens';
import { send } from './joom-http';

/** An axios stand-in answering from a list of statuses and recording the token of each call. */
function fakeHttp(statuses: number[]) {
  const seen: string[] = [];
  const http = {
    request: jest.fn(async (config: { headers: Record<string, string> }) => {
      seen.push(config.headers.Authorization);
      return { status: statuses.shift() ?? 200, data: {}, headers: {} };
    }),
  } as unknown as AxiosInstance;
  return { http, seen };
}

class RenewingTokens implements JoomAccessTokens {
  renewals = 0;
  async current(): Promise<string> {
    return 'old';
  }
  async renewAfterRefusal(rejected: string): Promise<string> {
    expect(rejected).toBe('old');
    this.renewals += 1;
    return 'new';
  }
}

describe('send (Joom HTTP, both versions)', () => {
  const request = { method: 'GET' as const, path: '/api/v3/orders', params: { id: '1' } };

  it('on a 401 renews the token and sends the call once more', async () => {
    const { http, seen } = fakeHttp([401, 200]);
    const tokens = new RenewingTokens();
    const response = await send({ http, tokens }, request);
    expect(response.status).toBe(200);
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
    expect(tokens.renewals).toBe(1);
  });

  it('retries only once: a second 401 is transient, not a refusal', async () => {
    const { http, seen } = fakeHttp([401, 401, 200]);
    await expect(send({ http, tokens: new RenewingTokens() }, request)).rejects.toBeInstanceOf(RemoteTransientError);
    expect(seen).toHaveLength(2);
  });

  it('with a static token a 401 is handed back as it is (classified as a refusal by the client)', async () => {
    const { http, seen } = fakeHttp([401]);
    expect((await send({ http, tokens: new StaticJoomToken('static') }, request)).status).toBe(401);
    expect(seen).toEqual(['Bearer static']);
  });

  it('does not renew on other statuses', async () => {
    const { http } = fakeHttp([403]);
    const tokens = new RenewingTokens();
    expect((await send({ http, tokens }, request)).status).toBe(403);
    expect(tokens.renewals).toBe(0);
  });
});
