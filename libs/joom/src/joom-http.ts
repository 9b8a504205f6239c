import { AxiosInstance, AxiosResponse, Method } from 'axios';
import { classifyTransportError, createHttpClient } from '@app/adapters';

/** Both versions: the token in `Authorization: Bearer` (never `access_token` in a URL, where logs keep it). */
export function createJoomHttp(baseUrl: string, accessToken: string, timeoutMs?: number): AxiosInstance {
  return createHttpClient({ baseURL: baseUrl, headers: { Authorization: `Bearer ${accessToken}` }, timeoutMs });
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

/** One HTTP exchange; no answer at all (timeout, reset, refused) is a transient failure. */
export async function send(http: AxiosInstance, request: JoomRequest): Promise<AxiosResponse> {
  try {
    return await http.request({ method: request.method, url: request.path, params: request.params, data: request.data, responseType: request.responseType, headers: request.headers });
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
