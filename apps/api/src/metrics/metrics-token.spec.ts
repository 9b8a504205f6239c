import { UnauthorizedException } from '@nestjs/common';
import { authorizeMetricsScrape } from './metrics-token';

const TOKEN = 'metrics-token-0123456789';

describe('authorizeMetricsScrape', () => {
  it('lets every scrape through while no token is configured', () => {
    expect(() => authorizeMetricsScrape(null, undefined)).not.toThrow();
    expect(() => authorizeMetricsScrape(undefined, 'Bearer anything')).not.toThrow();
  });

  it('accepts the configured token as a bearer token', () => {
    expect(() => authorizeMetricsScrape(TOKEN, `Bearer ${TOKEN}`)).not.toThrow();
    expect(() => authorizeMetricsScrape(TOKEN, `bearer ${TOKEN}`)).not.toThrow();
  });

  it.each([
    ['no header', undefined],
    ['another scheme', `Basic ${TOKEN}`],
    ['a wrong token', 'Bearer metrics-token-0123456780'],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, 10)}`],
    ['the token with more after it', `Bearer ${TOKEN}x`],
  ])('refuses %s with a 401 that never names the token', (_case, header) => {
    let thrown: unknown;
    try {
      authorizeMetricsScrape(TOKEN, header);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnauthorizedException);
    expect(JSON.stringify((thrown as UnauthorizedException).getResponse())).not.toContain(TOKEN);
  });
});
