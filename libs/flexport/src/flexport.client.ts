import { AxiosInstance, AxiosResponse } from 'axios';
import { classifyHttpFailure, classifyTransportError, createHttpClient, RemoteTransientError, requestIdHeader } from '@app/adapters';
import { FlexportConfig } from '@app/config';
import { FlexportCreateOrderRequest, FlexportOrder, FlexportProblem } from './flexport.types';

/** An order as Flexport answered it, with the `x-correlation-id` of that answer. */
export interface FlexportResult {
  order: FlexportOrder;
  requestId: string | null;
  /**
   * `idempotent-replayed: true`: Flexport answered with the stored first
   * answer to this idempotency-key, which may be older than the order now.
   */
  replayed?: boolean;
}

/** "Responses carry `x-correlation-id`." (docs/vendor/real-api-facts.md, Flexport): the id Flexport's support finds a call by. */
const CORRELATION_HEADER = 'x-correlation-id';

interface SendOptions {
  body?: unknown;
  idempotencyKey?: string | null;
  /** Names the missing thing for a 404 ("order 123"). */
  what: string;
}

/**
 * HTTP to Flexport Logistics: bearer token in a header, paths appended to a
 * base URL that already ends in `/logistics/api/<version>`, errors read from
 * `application/problem+json` and classified by the shared rule (429/5xx
 * transient with Retry-After, 423 locked and other 4xx permanent).
 */
export class FlexportClient {
  constructor(private readonly http: AxiosInstance) {}

  static fromConfig(config: FlexportConfig, timeoutMs?: number): FlexportClient {
    return new FlexportClient(
      createHttpClient({
        baseURL: config.baseUrl.replace(/\/+$/, ''),
        headers: { Authorization: `Bearer ${config.apiToken}` },
        timeoutMs,
        system: 'flexport',
        requestIdHeader: CORRELATION_HEADER,
      }),
    );
  }

  /** `replayed` in the result says whether Flexport answered from its idempotency store. */
  createOrder(body: FlexportCreateOrderRequest, idempotencyKey: string): Promise<FlexportResult> {
    return this.send('POST', '/orders', { body, idempotencyKey, what: `order ${body.externalOrderId}` });
  }

  getOrder(id: string): Promise<FlexportResult> {
    return this.send('GET', `/orders/${encodeURIComponent(id)}`, { what: `order ${id}` });
  }

  /** Null on 404: "no order with that external id" is an answer, not a failure. */
  async findByExternalId(externalOrderId: string): Promise<FlexportResult | null> {
    const response = await this.request('GET', `/orders/external_id/${encodeURIComponent(externalOrderId)}`, {
      what: `order with externalOrderId ${externalOrderId}`,
    });
    if (response.status === 404) return null;
    return this.result(response, `order with externalOrderId ${externalOrderId}`);
  }

  retry(id: string, idempotencyKey: string | null): Promise<FlexportResult> {
    return this.send('POST', `/orders/${encodeURIComponent(id)}/retry`, { idempotencyKey, what: `order ${id}` });
  }

  cancel(id: string, reason: string | undefined, idempotencyKey: string): Promise<FlexportResult> {
    const body = reason === undefined ? {} : { cancellationReason: reason };
    return this.send('POST', `/orders/${encodeURIComponent(id)}/cancel`, { body, idempotencyKey, what: `order ${id}` });
  }

  private async send(method: 'GET' | 'POST', path: string, options: SendOptions): Promise<FlexportResult> {
    return this.result(await this.request(method, path, options), options.what);
  }

  private async request(method: 'GET' | 'POST', path: string, options: SendOptions): Promise<AxiosResponse> {
    const headers: Record<string, string> = {};
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    try {
      return await this.http.request({ method, url: path, data: method === 'POST' ? (options.body ?? {}) : undefined, headers });
    } catch (error) {
      throw classifyTransportError('flexport', error);
    }
  }

  private result(response: AxiosResponse, what: string): FlexportResult {
    const requestId = requestIdHeader(response.headers, CORRELATION_HEADER);
    if (response.status < 200 || response.status >= 300) {
      const problem = readProblem(response);
      throw classifyHttpFailure('flexport', { status: response.status, headers: response.headers, ...problem, what });
    }
    if (!isFlexportOrder(response.data)) {
      // A success without an order is no answer at all (a proxy page, a truncated body): try again later.
      throw new RemoteTransientError('flexport', `flexport answered ${response.status} without an order body (${what})`, response.status, null);
    }
    return { order: response.data, requestId, replayed: replayed(response) };
  }
}

function replayed(response: AxiosResponse): boolean {
  const value = (response.headers as Record<string, unknown>)['idempotent-replayed'];
  return typeof value === 'string' && value.trim().toLowerCase() === 'true';
}

/** message = detail, else title; remoteCode = the problem `type` unless it is the generic `about:blank`. */
export function readProblem(response: Pick<AxiosResponse, 'status' | 'data' | 'statusText'>): { message: string; remoteCode: string | null } {
  const data = response.data as unknown;
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const problem = data as FlexportProblem;
    const message = nonEmpty(problem.detail) ?? nonEmpty(problem.title) ?? `HTTP ${response.status}`;
    const type = nonEmpty(problem.type);
    return { message, remoteCode: type && type !== 'about:blank' ? type : null };
  }
  const text = typeof data === 'string' ? data.trim().slice(0, 200) : '';
  return { message: text || response.statusText || `HTTP ${response.status}`, remoteCode: null };
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function isFlexportOrder(data: unknown): data is FlexportOrder {
  if (!data || typeof data !== 'object') return false;
  const order = data as Partial<FlexportOrder>;
  return typeof order.id === 'string' && typeof order.state?.internalStatus === 'string';
}
