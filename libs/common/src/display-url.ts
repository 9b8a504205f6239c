/** What a URL that cannot be parsed is shown as: its text may hold anything, a password included. */
export const INVALID_URL = '<invalid url>';

/**
 * A configured URL as health, logs and error messages may show it: scheme,
 * host (IPv6 in brackets), port and path only, without trailing slashes. Userinfo (`user:password@`),
 * the query and the fragment are dropped: operators paste credentials and
 * tokens into base URLs, and readiness is public.
 */
export function displayUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return INVALID_URL;
  }
  // `host` is empty for opaque URLs (`mailto:a@b`), whose path would be the secret.
  if (!parsed.host) return INVALID_URL;
  // Without trailing slashes, as the config stores base URLs.
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}
