import { UnauthorizedException } from '@nestjs/common';
import { FlexportConfig } from '@app/config';
import { DEFAULT_WEBHOOK_SIGNATURE_HEADER, isValidFlexportWebhookSignature, isValidFlexportWebhookToken } from '@app/flexport';

export interface WebhookCredentials {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer | undefined;
}

/**
 * Who may call the Flexport webhook (docs/api-decisions.md FX-7): the shared
 * token (`x-webhook-token` = FLEXPORT_WEBHOOK_TOKEN) and/or an HMAC-SHA256
 * signature of the raw body (FLEXPORT_WEBHOOK_SECRET). Each configured check
 * must pass; with neither configured, every call is refused. The answer never
 * says which check failed beyond the header names.
 */
export function authenticateFlexportWebhook(config: Pick<FlexportConfig, 'webhookToken' | 'webhookSecret' | 'webhookSignatureHeader'> | null, request: WebhookCredentials): void {
  const token = config?.webhookToken ?? null;
  const secret = config?.webhookSecret ?? null;
  const signatureHeader = (config?.webhookSignatureHeader ?? DEFAULT_WEBHOOK_SIGNATURE_HEADER).toLowerCase();
  const tokenOk = token === null || isValidFlexportWebhookToken(token, single(request.headers['x-webhook-token']));
  const signatureOk = secret === null || isValidFlexportWebhookSignature(secret, request.rawBody ?? Buffer.alloc(0), single(request.headers[signatureHeader]));
  if ((token !== null || secret !== null) && tokenOk && signatureOk) return;
  const expected = [token !== null ? 'x-webhook-token' : null, secret !== null ? signatureHeader : null].filter(Boolean).join(' and ');
  throw new UnauthorizedException({ code: 'unauthorized', message: expected ? `missing or wrong ${expected}` : 'Flexport webhooks are not configured' });
}

/** A repeated header is not a credential. */
function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
