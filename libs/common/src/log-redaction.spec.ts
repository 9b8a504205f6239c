import { redactUrl } from './log-redaction';

describe('redactUrl', () => {
  it.each([
    ['/api/v2/order?access_token=abc123&id=1', '/api/v2/order?access_token=[REDACTED]&id=1'],
    ['/x?id=1&ACCESS_TOKEN=zzz', '/x?id=1&ACCESS_TOKEN=[REDACTED]'],
    ['/v1/orders?limit=5', '/v1/orders?limit=5'],
  ])('%s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
});
