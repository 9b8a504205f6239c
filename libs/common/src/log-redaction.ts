/**
 * Paths pino blanks out in every log line: credentials in headers and any
 * token-like field an adapter or a job might log. Kept in one place so the
 * api, the worker and the sandbox redact the same things.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-webhook-token"]',
  'req.headers.authentication',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.Authorization',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.apiToken',
  '*.apiKey',
  '*.password',
  '*.webhookToken',
  '*.webhookSecret',
  '*.Authentication',
  '*.authentication',
  '*.refreshToken',
  '*.refresh_token',
  '*.clientSecret',
  '*.client_secret',
];

/** Strips credentials that some APIs accept as query parameters (Joom's `access_token`). */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:access_token|token|api_key|apikey)=)[^&#]*/gi, '$1[REDACTED]');
}
