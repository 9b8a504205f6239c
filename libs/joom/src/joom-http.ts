import { AxiosInstance, AxiosResponse, Method } from 'axios';
import { classifyTransportError, createHttpClient, RemoteTransientError } from '@app/adapters';
import { JoomAccessTokens } from './joom-access-tokens';

/** The HTTP client of both versions and where its access token comes from. */
export interface JoomHttp {
  http: AxiosInstance;
  tokens: JoomAccessTokens;
}

/**
 * Both versions: the token in `Authorization: Bearer` (never `access_token` in a URL, where logs keep it), set per call.
 * No `requestIdHeader`: Joom documents no request id. The v2 document's "Every response returned from the Joom API will
 * have the same schema" is `code`, `data`, `message`, `paging`, and the only response headers known are the rate limit's
 * ("Every response carries `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining`, `X-Rate-Limit-Reset`", docs/vendor/real-api-facts.md).
 */
export function createJoomHttp(baseUrl: string, tokens: JoomAccessTokens, timeoutMs?: number, account?: string): JoomHttp {
  return { http: createHttpClient({ baseURL: baseUrl, headers: {}, timeoutMs, system: 'joom', account }), tokens };
}

export interface JoomRequest {
  method: Method;
  path: string;
  params?: Record<string, string | number | undefined>;
  data?: unknown;
  /** `arraybuffer` for binary answers (v3 shipping labels). */
  responseType?: 'arraybuffer';
  /** Per-request headers over the client's (v3 labels ask for `Accept: application/pdf`). */
  headers?: Record<string, string>;
}

/**
 * One call: on a 401 the token source renews the token (a refresh, or the
 * newer one another process stored) and the call is sent once more
 * (docs/api-decisions.md OA-2). A second 401 right after a renewal is
 * transient: another process may have used that token up (OA-5).
 */
export async function send(joom: JoomHttp, request: JoomRequest): Promise<AxiosResponse> {
  const token = await joom.tokens.current();
  const response = await exchange(joom.http, request, token);
  if (response.status !== 401) return response;
  const renewed = await joom.tokens.renewAfterRefusal(token);
  if (renewed === null) return response;
  const retried = await exchange(joom.http, request, renewed);
  if (retried.status === 401) {
    throw new RemoteTransientError('joom', 'joom answered 401 to a just renewed access token; retrying later (docs/api-decisions.md OA-5)', 401, null);
  }
  return retried;
}

/** No answer at all (timeout, reset, refused) is a transient failure. */
async function exchange(http: AxiosInstance, request: JoomRequest, token: string): Promise<AxiosResponse> {
  try {
    return await http.request({
      method: request.method,
      url: request.path,
      params: request.params,
      data: request.data,
      responseType: request.responseType,
      headers: { ...request.headers, Authorization: `Bearer ${token}` },
    });
  } catch (error) {
    throw classifyTransportError('joom', error);
  }
}

/** A readable message from a body that is not in the API's shape (a proxy's HTML page, plain text). */
export function bodyText(body: unknown, status: number): string {
  if (typeof body === 'string' && body.trim()) return body.trim().slice(0, 200);
  return `HTTP ${status}`;
}

/** The remote clock at the answer (`Date` header), when it sent one. */
export function serverTime(response: AxiosResponse): string | null {
  const value = response.headers['date'];
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
