import { createHmac } from 'node:crypto';
import { isValidFlexportWebhookSignature, isValidFlexportWebhookToken, signFlexportWebhook } from './flexport.webhook-signature';

const SECRET = 'unit-secret-0123456789';
const BODY = '{"logisticsEventId":"evt_1"}';

describe('Flexport webhook signature (docs/api-decisions.md FX-7)', () => {
  it('is sha256=<hex HMAC-SHA256 of the raw body>', () => {
    expect(signFlexportWebhook(SECRET, BODY)).toBe(`sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`);
    expect(signFlexportWebhook(SECRET, Buffer.from(BODY))).toBe(signFlexportWebhook(SECRET, BODY));
  });

  it('accepts only the signature of these exact bytes with this secret (hex case aside)', () => {
    const signature = signFlexportWebhook(SECRET, BODY);
    expect(isValidFlexportWebhookSignature(SECRET, BODY, signature)).toBe(true);
    expect(isValidFlexportWebhookSignature(SECRET, BODY, signature.toUpperCase().replace('SHA256=', 'sha256='))).toBe(true);
    expect(isValidFlexportWebhookSignature(SECRET, `${BODY} `, signature)).toBe(false);
    expect(isValidFlexportWebhookSignature('another-secret-0123456789', BODY, signature)).toBe(false);
    expect(isValidFlexportWebhookSignature(SECRET, BODY, signature.slice('sha256='.length))).toBe(false);
    expect(isValidFlexportWebhookSignature(SECRET, BODY, undefined)).toBe(false);
    expect(isValidFlexportWebhookSignature(SECRET, BODY, '')).toBe(false);
  });

  it('compares tokens whatever their length', () => {
    expect(isValidFlexportWebhookToken('token-0123456789abcdef', 'token-0123456789abcdef')).toBe(true);
    expect(isValidFlexportWebhookToken('token-0123456789abcdef', 'token')).toBe(false);
    expect(isValidFlexportWebhookToken('token-0123456789abcdef', 'x'.repeat(10_000))).toBe(false);
    expect(isValidFlexportWebhookToken('token-0123456789abcdef', undefined)).toBe(false);
  });
});
