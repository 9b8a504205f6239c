import { AxiosResponse } from 'axios';
import { classifyHttpFailure, RemoteTransientError } from '@app/adapters';
import { bodyText, JoomHttp, send, serverTime } from './joom-http';
import { JoomListPacer } from './joom-list-pacer';
import { stampAnswerTime } from './joom-ship-by';
import { JoomV2Envelope, JoomV2Order, JoomV2OrderWrapper } from './joom-v2.types';

export const JOOM_V2_MAX_LIMIT = 500;

export interface V2Page {
  orders: JoomV2Order[];
  /** `start` of the next page (this `start` + `limit`) while `paging.next` says there is one; null on the last page. */
  nextStart: number | null;
  serverTime: string | null;
}

export interface V2TrackingInput {
  provider: string;
  trackingNumber: string;
  shipNote?: string;
}

/** `order/fulfill-one` also takes the Required `shipping_time` (docs/api-decisions.md JO-1). */
export interface V2FulfillInput extends V2TrackingInput {
  shippingTime: string;
}

/**
 * HTTP for Joom v2 orders: form-encoded POSTs as in the document's curl
 * examples, its envelope read on every answer (`code != 0` is a failure even
 * on HTTP 200), failures classified by the shared rule. Joom sends no request
 * id, so none is returned.
 */
export class JoomV2Client {
  constructor(
    private readonly http: JoomHttp,
    /** The configured base; v2 paging never follows a link, so no host is checked against it (JO-2). */
    readonly baseUrl: string,
    /** Paces `order/multi-get` on the quota headers (docs/api-decisions.md JO-8). */
    private readonly listPacer: JoomListPacer = new JoomListPacer(),
  ) {}

  /** The order, stamped with the answer's time (its fulfilment countdown counts from it, JO-7). */
  async getOrder(id: string): Promise<JoomV2Order> {
    const response = await this.exchange('GET', '/api/v2/order', { id });
    return stampAnswerTime(unwrap(this.read<JoomV2OrderWrapper>(response, `order ${id}`).data), serverTime(response));
  }

  /**
   * `order/multi-get`: orders updated since `since` (v2 format), by order time,
   * from offset `start`. Paging is plain offsets ("start … An offset into the
   * list"): the next page starts at `start + limit`, and `paging.next` only
   * says that there is one. Its URL is never followed, so its host does not
   * matter (docs/api-decisions.md JO-2).
   */
  async listChanged(since: string | null, start: number, limit: number): Promise<V2Page> {
    const pageSize = Math.min(Math.max(1, limit), JOOM_V2_MAX_LIMIT);
    const params = { start, limit: pageSize, ...(since ? { since } : {}) };
    await this.listPacer.beforeCall();
    const response = await this.exchange('GET', '/api/v2/order/multi-get', params);
    this.listPacer.observe(response.headers);
    const envelope = this.read<JoomV2OrderWrapper[]>(response);
    const more = typeof envelope.paging?.next === 'string' && envelope.paging.next.trim() !== '';
    const answered = serverTime(response);
    const orders = (Array.isArray(envelope.data) ? envelope.data : []).map((item) => stampAnswerTime(unwrap(item), answered));
    return { orders, nextStart: more ? start + pageSize : null, serverTime: answered };
  }

  async fulfillOne(id: string, input: V2FulfillInput): Promise<void> {
    await this.call(
      'POST',
      '/api/v2/order/fulfill-one',
      {
        id,
        tracking_provider: input.provider,
        tracking_number: input.trackingNumber,
        shipping_time: input.shippingTime,
        ...(input.shipNote ? { ship_note: input.shipNote } : {}),
      },
      `order ${id}`,
    );
  }

  async refund(id: string, reasonCode: number, reasonNote: string | undefined): Promise<void> {
    await this.call('POST', '/api/v2/order/refund', { id, reason_code: reasonCode, ...(reasonNote ? { reason_note: reasonNote } : {}) }, `order ${id}`);
  }

  async modifyTracking(id: string, input: V2TrackingInput): Promise<void> {
    await this.call('POST', '/api/v2/order/modify-tracking', { id, tracking_provider: input.provider, tracking_number: input.trackingNumber }, `order ${id}`);
  }

  /** GET parameters go in the query; POST parameters form-encoded in the body, like the document's `curl -d`. */
  private async call<T>(method: 'GET' | 'POST', path: string, params: Record<string, string | number>, what?: string): Promise<JoomV2Envelope<T>> {
    return this.read<T>(await this.exchange(method, path, params), what);
  }

  private exchange(method: 'GET' | 'POST', path: string, params: Record<string, string | number>): Promise<AxiosResponse> {
    if (method === 'GET') return send(this.http, { method, path, params });
    const form = new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, String(value)]));
    return send(this.http, { method, path, data: form });
  }

  private read<T>(response: AxiosResponse, what?: string): JoomV2Envelope<T> {
    const body: unknown = response.data;
    const envelope = isEnvelope(body) ? (body as JoomV2Envelope<T>) : null;
    const ok = response.status >= 200 && response.status < 300;
    if (ok && envelope && Number(envelope.code) === 0) return envelope;
    if (ok && !envelope) {
      throw new RemoteTransientError('joom', `joom answered ${response.status} without the v2 envelope: ${bodyText(body, response.status)}`, response.status, null);
    }
    // Joom's "not_found" error may come on any HTTP status; it is still a not-found.
    const notFound = envelope && (envelope.type === 'not_found' || Number(envelope.code) === 4001);
    throw classifyHttpFailure('joom', {
      status: ok && notFound ? 404 : response.status,
      headers: response.headers,
      message: envelope ? messageOf(envelope) : bodyText(body, response.status),
      remoteCode: envelope ? String(envelope.code) : null,
      what,
    });
  }
}

function isEnvelope(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'code' in body;
}

/** Joom's message, with `data` when it is a detail number (e.g. 2003 = provider not accepted). */
function messageOf(envelope: JoomV2Envelope): string {
  const message = envelope.message?.trim() || `error code ${String(envelope.code)}`;
  const data = envelope.data;
  return typeof data === 'number' || (typeof data === 'string' && data) ? `${message} (code ${String(envelope.code)}, data ${String(data)})` : message;
}

function unwrap(item: JoomV2OrderWrapper | JoomV2Order): JoomV2Order {
  return 'Order' in item && item.Order ? item.Order : (item as JoomV2Order);
}
