import { AxiosInstance, AxiosResponse } from 'axios';
import { classifyHttpFailure, classifyTransportError, createHttpClient, RemoteTransientError } from '@app/adapters';
import { redactSecrets } from './joom-secrets';

/** What the app was registered with, and the grant to renew. */
export interface JoomRefreshGrant {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** What one refresh returned. */
export interface IssuedJoomTokens {
  accessToken: string;
  /** The rotated refresh token; null when the answer carried none (the old one then stays, OA-1). */
  refreshToken: string | null;
  /** Epoch ms; null when the answer gave no expiry. */
  expiresAt: number | null;
}

/** Joom refused the grant itself (an old, revoked or unknown refresh token, wrong client): a person must act (OA-5). */
export class JoomRefreshRefusedError extends Error {
  constructor(
    /** Joom's message, with every secret of the grant masked. */
    readonly reason: string,
    readonly httpStatus: number,
  ) {
    super(`joom refused the refresh token: ${reason}`);
    this.name = 'JoomRefreshRefusedError';
  }
}

export const JOOM_REFRESH_PATH = '/api/v2/oauth/refresh_token';

/**
 * `POST /api/v2/oauth/refresh_token`, form-encoded like every v2 POST, read
 * in the v2 envelope (docs/api-decisions.md OA-1). 429, 5xx and no answer
 * are transient; any other refusal is `JoomRefreshRefusedError` (OA-5).
 */
export class JoomOAuthClient {
  constructor(
    private readonly http: AxiosInstance,
    private readonly now: () => number = Date.now,
  ) {}

  static create(baseUrl: string, timeoutMs?: number): JoomOAuthClient {
    return new JoomOAuthClient(createHttpClient({ baseURL: baseUrl, headers: {}, timeoutMs }));
  }

  async refresh(grant: JoomRefreshGrant): Promise<IssuedJoomTokens> {
    const form = new URLSearchParams({
      client_id: grant.clientId,
      client_secret: grant.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: grant.refreshToken,
    });
    let response: AxiosResponse;
    try {
      response = await this.http.post(JOOM_REFRESH_PATH, form);
    } catch (error) {
      throw classifyTransportError('joom', error);
    }
    return this.read(response, grant);
  }

  private read(response: AxiosResponse, grant: JoomRefreshGrant): IssuedJoomTokens {
    const { status } = response;
    const body = response.data as { code?: unknown; message?: unknown; data?: Record<string, unknown> } | null;
    const envelope = typeof body === 'object' && body !== null && 'code' in body ? body : null;
    const message = redactSecrets(describe(envelope, status), grant);
    if (status === 429 || status === 408 || status >= 500) {
      throw classifyHttpFailure('joom', { status, headers: response.headers, message, remoteCode: envelope ? String(envelope.code) : null });
    }
    const ok = status >= 200 && status < 300;
    if (ok && !envelope) throw new RemoteTransientError('joom', `joom answered ${status} to the refresh without the v2 envelope`, status, null);
    if (!ok || Number(envelope!.code) !== 0) throw new JoomRefreshRefusedError(message, status);
    const data = envelope!.data ?? {};
    if (typeof data.access_token !== 'string' || !data.access_token) {
      throw new RemoteTransientError('joom', 'joom answered the refresh without an access_token', status, null);
    }
    return {
      accessToken: data.access_token,
      refreshToken: typeof data.refresh_token === 'string' && data.refresh_token ? data.refresh_token : null,
      expiresAt: expiryOf(data, this.now()),
    };
  }
}

/** `expiry_time` (epoch seconds) when given, else `expires_in` (seconds from now): docs/api-decisions.md OA-1. */
export function expiryOf(data: Record<string, unknown>, now: number): number | null {
  const at = Number(data.expiry_time);
  if (data.expiry_time !== undefined && data.expiry_time !== null && Number.isFinite(at) && at > 0) return Math.round(at * 1000);
  const within = Number(data.expires_in);
  if (data.expires_in !== undefined && data.expires_in !== null && Number.isFinite(within) && within > 0) return now + Math.round(within * 1000);
  return null;
}

function describe(envelope: { code?: unknown; message?: unknown; data?: unknown } | null, status: number): string {
  if (!envelope) return `HTTP ${status}`;
  const text = typeof envelope.message === 'string' && envelope.message.trim() ? envelope.message.trim().slice(0, 200) : 'no message';
  const detail = typeof envelope.data === 'number' || typeof envelope.data === 'string' ? `, data ${String(envelope.data)}` : '';
  return `${text} (HTTP ${status}, code ${String(envelope.code)}${detail})`;
}
