import { AxiosInstance } from 'axios';
import { RemoteTransientError } from '@app/adapters';
import { expiryOf, JOOM_REFRESH_PATH, JoomOAuthClient, JoomRefreshRefusedError } from './joom-oauth.client';

const GRANT = { clientId: 'app-1', clientSecret: 'client-secret-1', refreshToken: 'refresh-token-1' };
const NOW = Date.UTC(2026, 0, 1);

function clientAnswering(status: number, data: unknown) {
  const post = jest.fn(async () => ({ status, data, headers: {} }));
  return { client: new JoomOAuthClient({ post } as unknown as AxiosInstance, () => NOW), post };
}

describe('JoomOAuthClient.refresh', () => {
  it('posts the form of docs/api-decisions.md OA-1 and reads the v2 envelope', async () => {
    const { client, post } = clientAnswering(200, { code: 0, data: { access_token: 'at', refresh_token: 'rt', expires_in: 3600, token_type: 'Bearer' } });
    expect(await client.refresh(GRANT)).toEqual({ accessToken: 'at', refreshToken: 'rt', expiresAt: NOW + 3_600_000 });
    const [path, form] = post.mock.calls[0] as unknown as [string, URLSearchParams];
    expect(path).toBe(JOOM_REFRESH_PATH);
    expect(Object.fromEntries(form)).toEqual({ client_id: 'app-1', client_secret: 'client-secret-1', grant_type: 'refresh_token', refresh_token: 'refresh-token-1' });
  });

  it('prefers expiry_time (epoch seconds) over expires_in', () => {
    expect(expiryOf({ expiry_time: 1_900_000_000, expires_in: 60 }, NOW)).toBe(1_900_000_000_000);
    expect(expiryOf({ expires_in: '60' }, NOW)).toBe(NOW + 60_000);
    expect(expiryOf({}, NOW)).toBeNull();
  });

  it.each([
    [400, { code: 1000, data: 2010, message: 'Refresh token refresh-token-1 is invalid' }],
    [401, { code: 4000, data: {}, message: 'Invalid client client-secret-1' }],
    [200, { code: 1000, data: 2010, message: 'refused on HTTP 200' }],
  ])('HTTP %s %j is a refusal, with every secret masked', async (status, body) => {
    const error = await clientAnswering(status, body)
      .client.refresh(GRANT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JoomRefreshRefusedError);
    expect((error as Error).message).not.toContain(GRANT.refreshToken);
    expect((error as Error).message).not.toContain(GRANT.clientSecret);
  });

  it.each([
    [503, { code: 5000, message: 'down' }],
    [429, { code: 1029, message: 'slow down' }],
    [200, '<html>proxy</html>'],
    [200, { code: 0, data: {} }],
  ])('HTTP %s %j is transient', async (status, body) => {
    await expect(clientAnswering(status, body).client.refresh(GRANT)).rejects.toBeInstanceOf(RemoteTransientError);
  });
});
