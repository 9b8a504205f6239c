import { ConfigError, loadConfig } from './load-config';

const TOKEN = 'flexport-api-token-0001';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** The Flexport webhook and create settings (docs/api-decisions.md FX-5, FX-7). */
describe('loadConfig: Flexport webhook signature and order source', () => {
  it('defaults to no secret, the X-Hub-Signature-256 header and no source', () => {
    expect(loadConfig({ FLEXPORT_API_TOKEN: TOKEN }).channels.flexport).toMatchObject({
      webhookSecret: null,
      webhookSignatureHeader: 'X-Hub-Signature-256',
      orderSource: null,
    });
  });

  it('reads FLEXPORT_WEBHOOK_SECRET, FLEXPORT_WEBHOOK_SIGNATURE_HEADER and FLEXPORT_ORDER_SOURCE', () => {
    const env = { FLEXPORT_API_TOKEN: TOKEN, FLEXPORT_WEBHOOK_SECRET: 'signing-secret-0123456789', FLEXPORT_WEBHOOK_SIGNATURE_HEADER: 'X-Flexport-Signature', FLEXPORT_ORDER_SOURCE: 'WEBSITE' };
    expect(loadConfig(env).channels.flexport).toMatchObject({ webhookSecret: 'signing-secret-0123456789', webhookSignatureHeader: 'X-Flexport-Signature', orderSource: 'WEBSITE' });
  });

  it.each([
    [{ FLEXPORT_WEBHOOK_SECRET: 'short' }, 'FLEXPORT_WEBHOOK_SECRET'],
    [{ FLEXPORT_WEBHOOK_SIGNATURE_HEADER: 'X Bad: header' }, 'FLEXPORT_WEBHOOK_SIGNATURE_HEADER'],
    [{ FLEXPORT_ORDER_SOURCE: 'joom' }, 'FLEXPORT_ORDER_SOURCE'],
  ])('rejects %j naming %s, never printing the value', (env, variable) => {
    const message = problemsOf({ FLEXPORT_API_TOKEN: TOKEN, ...env });
    expect(message).toContain(variable);
    expect(message).not.toContain(Object.values(env)[0]);
  });
});
