import pino from 'pino';
import { REDACTED_PATHS, redactUrl } from './log-redaction';

describe('redactUrl', () => {
  it.each([
    ['/api/v2/order?access_token=abc123&id=1', '/api/v2/order?access_token=[REDACTED]&id=1'],
    ['/x?id=1&ACCESS_TOKEN=zzz', '/x?id=1&ACCESS_TOKEN=[REDACTED]'],
    ['/v1/orders?limit=5', '/v1/orders?limit=5'],
  ])('%s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
});

describe('REDACTED_PATHS', () => {
  it('blanks OAuth grants, client secrets and both Akinon token headers wherever a log line nests them', () => {
    const lines: string[] = [];
    const logger = pino({ redact: { paths: [...REDACTED_PATHS], censor: '[REDACTED]' } }, { write: (line: string) => void lines.push(line) });
    const secrets = { refreshToken: 'rt-1', refresh_token: 'rt-2', clientSecret: 'cs-1', client_secret: 'cs-2', Authentication: 'Bearer a', authentication: 'Bearer b' };
    logger.info({ grant: secrets, req: { headers: { authentication: 'Bearer c' } } }, 'refresh');
    for (const value of [...Object.values(secrets), 'Bearer c']) expect(lines.join('')).not.toContain(value);
  });
});
