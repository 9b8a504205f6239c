import { AxiosResponse } from 'axios';
import { classifyHttpFailure, RemoteTransientError } from '@app/adapters';
import { UntrustedPagingLinkError } from './joom-errors';
import { JoomV3Shipper } from './joom-shippers';
import { bodyText, JoomHttp, JoomRequest, send, serverTime } from './joom-http';
import { JoomListPacer } from './joom-list-pacer';
import { stampAnswerTime } from './joom-ship-by';
import { trustedNextQuery } from './joom-paging';
import { JoomV3ErrorBody, JoomV3OnlineFulfillment, JoomV3Order, JoomV3Response } from './joom-v3.types';

/** `limit` is silently capped at 500 by Joom; we cap it ourselves so the cursor math matches. */
export const JOOM_V3_MAX_LIMIT = 500;

export interface V3Page {
  orders: JoomV3Order[];
  /** The `after` token of a trusted `paging.next`; null on the last page. */
  nextAfter: string | null;
}

/** Exactly one of `provider` / `providerId` goes to Joom; the gateway sends the shipper's id (docs/api-decisions.md CA-2). */
export interface V3TrackingInput {
  providerId: string;
  trackingNumber: string;
}

/**
 * HTTP for Joom v3 orders: JSON bodies, ids as `?id=`, `{data}` on success
 * and `{"errors":[…]}` on failure, classified by the shared rule (a 429's
 * `X-Rate-Limit-Reset` becomes `retryAfterMs`). Joom sends no request id.
 */
export class JoomV3Client {
  constructor(
    private readonly http: JoomHttp,
    private readonly baseUrl: string,
    /** Paces `orders/multi` on the quota headers (docs/api-decisions.md JO-8). */
    private readonly listPacer: JoomListPacer = new JoomListPacer(),
  ) {}

  async getOrder(id: string): Promise<JoomV3Order> {
    return this.call<JoomV3Order>({ method: 'GET', path: '/api/v3/orders', params: { id } }, `order ${id}`).then(({ data }) => data);
  }

  /** `orders/multi`: orders by update time from `updatedFrom`, continuing after the `after` token. */
  async listChanged(updatedFrom: string | null, after: string | null, limit: number): Promise<V3Page> {
    const params = { limit: Math.min(Math.max(1, limit), JOOM_V3_MAX_LIMIT), updatedFrom: updatedFrom ?? undefined, after: after ?? undefined };
    await this.listPacer.beforeCall();
    const body = await this.call<{ items?: JoomV3Order[] }>({ method: 'GET', path: '/api/v3/orders/multi', params }, undefined, this.listPacer);
    const next = trustedNextQuery(body.paging?.next, this.baseUrl, '/api/v3/orders/multi');
    const nextAfter = next ? next.get('after') : null;
    if (next && !nextAfter) throw new UntrustedPagingLinkError(String(body.paging?.next), 'no `after` token');
    return { orders: Array.isArray(body.data?.items) ? body.data.items : [], nextAfter };
  }

  async fulfill(id: string, input: V3TrackingInput): Promise<JoomV3Order | undefined> {
    return this.orderCommand('/api/v3/orders/fulfill', id, { providerId: input.providerId, trackingNumber: input.trackingNumber });
  }

  async fulfillOnline(id: string, provider: string): Promise<JoomV3OnlineFulfillment> {
    const body = await this.call<JoomV3OnlineFulfillment>({ method: 'POST', path: '/api/v3/orders/fulfillOnline', data: { ids: [id], provider } }, `order ${id}`);
    return body.data;
  }

  async modifyTracking(id: string, input: V3TrackingInput): Promise<JoomV3Order | undefined> {
    return this.orderCommand('/api/v3/orders/modifyTracking', id, { providerId: input.providerId, trackingNumber: input.trackingNumber });
  }

  /** `GET /shippers`: every shipper Joom accepts, from `data.items` (entries without an id and a name are dropped). */
  async shippers(): Promise<JoomV3Shipper[]> {
    const body = await this.call<{ items?: unknown[] }>({ method: 'GET', path: '/api/v3/shippers' }, 'shippers');
    const items = Array.isArray(body.data?.items) ? body.data.items : [];
    return items.filter(isShipper).map(({ id, name, offlineShipping }) => ({ id, name, ...(typeof offlineShipping === 'boolean' ? { offlineShipping } : {}) }));
  }

  async cancel(id: string, input: { reason?: string; note?: string }): Promise<JoomV3Order | undefined> {
    return this.orderCommand('/api/v3/orders/cancel', id, input);
  }

  /**
   * `orders/shippingLabel`: the PDF of an order fulfilled online, asked for as
   * one (the shared client's `Accept: application/json` would let a
   * negotiating server answer 406). Errors still come as JSON.
   */
  async shippingLabel(id: string): Promise<Buffer> {
    const headers = { Accept: 'application/pdf, application/json;q=0.5' };
    const response = await send(this.http, { method: 'GET', path: '/api/v3/orders/shippingLabel', params: { id }, responseType: 'arraybuffer', headers });
    const raw = Buffer.from(response.data as ArrayBuffer);
    if (response.status >= 200 && response.status < 300) return raw;
    let body: unknown = raw.toString('utf8');
    try {
      body = JSON.parse(body as string);
    } catch {
      /* not JSON: the text is the message */
    }
    throw failure(response.status, response.headers, body, `order ${id}`);
  }

  /** Commands answer the order when they do; otherwise the caller reads it. */
  private async orderCommand(path: string, id: string, data: object): Promise<JoomV3Order | undefined> {
    const body = await this.call<JoomV3Order | undefined>({ method: 'POST', path, params: { id }, data }, `order ${id}`);
    return body.data && typeof body.data === 'object' && typeof body.data.id === 'string' ? body.data : undefined;
  }

  private async call<T>(request: JoomRequest, what?: string, pacer?: JoomListPacer): Promise<JoomV3Response<T>> {
    const response = await send(this.http, request);
    pacer?.observe(response.headers);
    const body = read<T>(response, what);
    stampOrders(body.data, serverTime(response));
    return body;
  }
}

/** Orders in an answer (`data`, or `data.items`) carry the answer's time: their fulfilment countdown counts from it (JO-7). */
function stampOrders(data: unknown, answered: string | null): void {
  if (typeof data !== 'object' || data === null) return;
  const items = (data as { items?: unknown }).items;
  const orders = Array.isArray(items) ? items : 'status' in data && 'id' in data ? [data] : [];
  for (const order of orders) if (typeof order === 'object' && order !== null) stampAnswerTime(order, answered);
}

function read<T>(response: AxiosResponse, what?: string): JoomV3Response<T> {
  const body: unknown = response.data;
  if (response.status >= 200 && response.status < 300) {
    if (typeof body === 'object' && body !== null && 'data' in body) return body as JoomV3Response<T>;
    throw new RemoteTransientError('joom', `joom answered ${response.status} without \`data\`: ${bodyText(body, response.status)}`, response.status, null);
  }
  throw failure(response.status, response.headers, body, what);
}

/** Joom's `errors[]` messages and first code, classified by the shared rule. */
function failure(status: number, headers: AxiosResponse['headers'], body: unknown, what?: string): Error {
  const errors = isErrorBody(body) ? body.errors : [];
  const message =
    errors
      .map((e) => e.message ?? e.code)
      .filter(Boolean)
      .join('; ') || bodyText(body, status);
  return classifyHttpFailure('joom', { status, headers, message, remoteCode: errors[0]?.code ?? null, what });
}

function isShipper(item: unknown): item is JoomV3Shipper {
  const shipper = item as Partial<JoomV3Shipper> | null;
  return typeof shipper === 'object' && shipper !== null && typeof shipper.id === 'string' && shipper.id !== '' && typeof shipper.name === 'string';
}

function isErrorBody(body: unknown): body is JoomV3ErrorBody {
  return typeof body === 'object' && body !== null && Array.isArray((body as JoomV3ErrorBody).errors);
}
