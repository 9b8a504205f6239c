import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Flexport webhook body signatures (docs/api-decisions.md FX-7): HMAC-SHA256
 * of the raw request body with the shared secret, sent as `sha256=<hex>` in
 * a configurable header (default `X-Hub-Signature-256`, as Flexport's
 * published webhooks sign them).
 */
export const DEFAULT_WEBHOOK_SIGNATURE_HEADER = 'X-Hub-Signature-256';

export function signFlexportWebhook(secret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** Constant-time: both sides are hashed to equal lengths first, so neither length nor prefix leaks. */
export function isValidFlexportWebhookSignature(secret: string, rawBody: Buffer | string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = signFlexportWebhook(secret, rawBody);
  return timingSafeEqual(sha256(expected), sha256(header.trim().toLowerCase()));
}

/** The shared-token check, also constant-time. */
export function isValidFlexportWebhookToken(expected: string, token: string | undefined): boolean {
  return token !== undefined && timingSafeEqual(sha256(expected), sha256(token));
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
