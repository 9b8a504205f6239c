import type { AkinonConfig } from '@app/config';

/**
 * The token header(s) every Akinon call carries. The document's GET examples
 * send `Authentication: Bearer {TOKEN}` and its reject example
 * `Authorization: Bearer {TOKEN}`; `both` sends the two on every call, which
 * satisfies every example whichever header the deployment reads
 * (docs/api-decisions.md AK-2). The scheme is `Bearer` (the document) or
 * `Token` (Akinon's login endpoint).
 */
export function akinonAuthHeaders(config: Pick<AkinonConfig, 'authHeader' | 'authScheme' | 'apiToken'>): Record<string, string> {
  const value = `${config.authScheme} ${config.apiToken}`;
  switch (config.authHeader) {
    case 'Authentication':
      return { Authentication: value };
    case 'Authorization':
      return { Authorization: value };
    case 'both':
      return { Authentication: value, Authorization: value };
  }
}
