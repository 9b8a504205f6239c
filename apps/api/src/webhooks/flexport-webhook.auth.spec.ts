import { UnauthorizedException } from '@nestjs/common';
import { signFlexportWebhook } from '@app/flexport';
import { authenticateFlexportWebhook } from './flexport-webhook.auth';

const TOKEN = 'unit-token-0123456789';
const SECRET = 'unit-secret-0123456789';
const RAW = Buffer.from('{"logisticsEventId":"evt_1"}');
const signed = { 'x-hub-signature-256': signFlexportWebhook(SECRET, RAW) };
const tokened = { 'x-webhook-token': TOKEN };

const check = (config: Parameters<typeof authenticateFlexportWebhook>[0], headers: Record<string, string | string[]>) => () => authenticateFlexportWebhook(config, { headers, rawBody: RAW });

describe('authenticateFlexportWebhook (docs/api-decisions.md FX-7)', () => {
  it('refuses everything when neither token nor secret is configured', () => {
    expect(check(null, { ...tokened, ...signed })).toThrow(UnauthorizedException);
    expect(check({ webhookToken: null, webhookSecret: null }, { ...tokened, ...signed })).toThrow('Flexport webhooks are not configured');
  });

  it('token only: the token, and nothing else, is required', () => {
    expect(check({ webhookToken: TOKEN }, tokened)).not.toThrow();
    expect(check({ webhookToken: TOKEN }, signed)).toThrow('missing or wrong x-webhook-token');
    expect(check({ webhookToken: TOKEN }, { 'x-webhook-token': [TOKEN, TOKEN] })).toThrow(UnauthorizedException);
  });

  it('secret only: the signature in the configured header (default X-Hub-Signature-256)', () => {
    expect(check({ webhookSecret: SECRET }, signed)).not.toThrow();
    expect(check({ webhookSecret: SECRET }, tokened)).toThrow('missing or wrong x-hub-signature-256');
    expect(check({ webhookSecret: SECRET, webhookSignatureHeader: 'X-Signature' }, { 'x-signature': signed['x-hub-signature-256'] })).not.toThrow();
    expect(check({ webhookSecret: SECRET, webhookSignatureHeader: 'X-Signature' }, signed)).toThrow(UnauthorizedException);
  });

  it('both configured: both are required', () => {
    const both = { webhookToken: TOKEN, webhookSecret: SECRET };
    expect(check(both, { ...tokened, ...signed })).not.toThrow();
    expect(check(both, tokened)).toThrow('missing or wrong x-webhook-token and x-hub-signature-256');
    expect(check(both, signed)).toThrow(UnauthorizedException);
  });
});
