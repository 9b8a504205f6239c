import pino from 'pino';
import { builtLineLogger, REDACTED_PATHS, redactUrl } from './log-redaction';
import { createGatewayLogger } from './logger.module';

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

describe('builtLineLogger', () => {
  function loggers() {
    const lines: string[] = [];
    const logger = createGatewayLogger({ level: 'info', service: 'worker' }, { write: (line: string) => void lines.push(line.replace(/"time":\d+,/, '')) });
    return { lines, logger, built: builtLineLogger(logger) };
  }

  it('writes a line of built fields byte for byte as the redacting logger does, at its level', () => {
    const { lines, logger, built } = loggers();
    const line = { context: 'JoomStepProcessor', msg: 'step completed', orderId: 'ord_1', attempt: 1, correlationId: null, req: { method: 'POST', url: '/v1/x' } };
    logger.info(line);
    built.info(line);
    built.debug(line);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(lines[0]);
    expect(JSON.parse(lines[1])).toMatchObject({ level: 30, service: 'worker', msg: 'step completed' });
  });

  it('leaves the process logger redacting everything it did', () => {
    const { lines, logger } = loggers();
    logger.info({ req: { headers: { authorization: 'Bearer s-1', 'x-api-key': 's-2' } }, grant: { accessToken: 's-3', refresh_token: 's-4' } }, 'boot');
    for (const secret of ['s-1', 's-2', 's-3', 's-4']) expect(lines.join('')).not.toContain(secret);
    expect(lines.join('')).toContain('[REDACTED]');
  });
});
