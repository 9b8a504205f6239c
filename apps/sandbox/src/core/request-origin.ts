import type { Request } from 'express';
import { SandboxConfig } from './sandbox-config';

/**
 * Scheme + host for absolute paging URLs. SANDBOX_PUBLIC_ORIGIN wins (behind a
 * proxy or in docker the Host header is not what the client dialled); otherwise
 * the request's own origin, so `next` always points back at this sandbox.
 */
export function publicOrigin(config: SandboxConfig, req: Request): string {
  const origin = config.publicOrigin ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  return origin.replace(/\/+$/, '');
}
