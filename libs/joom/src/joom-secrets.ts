import { createHash } from 'node:crypto';

/** Masks every given secret inside a text that came from outside (a remote error message may echo what it was sent). */
export function redactSecrets(text: string, secrets: { clientSecret?: string; refreshToken?: string; accessToken?: string }): string {
  let out = text;
  for (const secret of [secrets.clientSecret, secrets.refreshToken, secrets.accessToken]) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/**
 * A short, one-way name for a token: tells two tokens apart in Redis state
 * without storing or showing either (docs/api-decisions.md OA-6).
 */
export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}
