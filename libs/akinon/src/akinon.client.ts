import { classifyHttpFailure, classifyTransportError, RemoteRefusedError } from '@app/adapters';
import { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import { readAkinonError } from './akinon-error-body';
import { AkinonPage } from './akinon.types';

export type AkinonQuery = Record<string, string | number>;

export interface AkinonAnswer<T> {
  data: T;
  /** A request id the deployment sends (`x-request-id`), else null: plain DRF has none. */
  requestId: string | null;
  /** The server's `Date` header as ISO (second precision), used to anchor polling; null when absent. */
  serverTime: string | null;
}

/**
 * HTTP to the Akinon seller API under `<baseUrl>/api/i1/`: collection reads
 * (the document has no route by id, docs/api-decisions.md AK-1) and the reject POST. Auth goes in the
 * header(s) the factory sets (akinon-auth.headers.ts), never in the URL. Every
 * non-2xx answer is read in DRF's error shapes and classified by the shared
 * rule: 5xx/429 transient (with `Retry-After`), 404 not found, others refused.
 */
export class AkinonClient {
  constructor(private readonly http: AxiosInstance) {}

  /**
   * One page of a collection. Null when a page past the first is 404 (DRF's
   * "Invalid page."): the list ended (e.g. it was reset) — end of paging, not
   * an error.
   */
  async list<T>(path: string, query: AkinonQuery): Promise<AkinonAnswer<AkinonPage<T>> | null> {
    const response = await this.send({ method: 'GET', url: path, params: query });
    if (response.status === 404 && Number(query.page ?? 1) > 1) return null;
    if (response.status !== 200) throw this.failure(response, `${path} page ${query.page ?? 1}`);
    const page = response.data as AkinonPage<T> | undefined;
    if (!page || typeof page !== 'object' || !Array.isArray(page.results)) {
      throw new RemoteRefusedError('akinon', `akinon answered ${path} with something that is not a page`, response.status, null);
    }
    return this.answer(response, page);
  }

  /** A POST without a body (the reject call); any 2xx is success (the doc says 204). */
  async post(path: string, what: string): Promise<AkinonAnswer<null>> {
    const response = await this.send({ method: 'POST', url: path });
    if (response.status < 200 || response.status >= 300) throw this.failure(response, what);
    return this.answer(response, null);
  }

  private async send(config: AxiosRequestConfig): Promise<AxiosResponse> {
    try {
      return await this.http.request(config);
    } catch (error) {
      throw classifyTransportError('akinon', error);
    }
  }

  private failure(response: AxiosResponse, what: string): Error {
    const { message, code } = readAkinonError(response.data, response.statusText || `HTTP ${response.status}`);
    return classifyHttpFailure('akinon', { status: response.status, headers: response.headers, message, remoteCode: code, what });
  }

  private answer<T>(response: AxiosResponse, data: T): AkinonAnswer<T> {
    const header = (name: string): string | null => {
      const value = (response.headers as Record<string, unknown>)[name];
      return typeof value === 'string' && value ? value : null;
    };
    const date = header('date');
    const ms = date ? Date.parse(date) : NaN;
    return {
      data,
      requestId: header('x-request-id') ?? header('x-correlation-id'),
      serverTime: Number.isNaN(ms) ? null : new Date(ms).toISOString(),
    };
  }
}
