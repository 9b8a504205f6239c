import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig, profileFor } from '@app/config';
import { allowedActions, CanonicalOrder, OrderAction } from '@app/orders';
import type { StoredOrderText } from '@app/store';

export type OrderView = CanonicalOrder & { allowedActions: OrderAction[] };

/** An OrderView already serialised to JSON, sent as it is under JSON_CONTENT_TYPE (`@Header`). */
export type OrderViewJson = string;

/** What fastify answers objects with; a string under it is sent untouched. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The REST representation: the stored order plus the actions allowed now (computed, never stored). */
@Injectable()
export class OrderPresenter {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  present(order: CanonicalOrder): OrderView {
    return { ...order, allowedActions: allowedActions(order, profileFor(order.channel, this.config)) };
  }

  /**
   * The same representation, byte for byte, from the stored JSON text: the
   * document with `allowedActions` appended as its last key, as
   * `JSON.stringify(present(order))` would put it. The single-order reads
   * take this path; parsing the document and serialising it again cost
   * more than the rest of the request.
   */
  presentText(stored: StoredOrderText): OrderViewJson {
    const actions = allowedActions(stored.facts, profileFor(stored.channel, this.config));
    return `${stored.json.slice(0, -1)},"allowedActions":${JSON.stringify(actions)}}`;
  }
}
