import { Inject, Injectable } from '@nestjs/common';
import { accountsOf, GATEWAY_CONFIG, GatewayConfig, profileFor } from '@app/config';
import { allowedActions, CanonicalOrder, holdActions, HoldAction, LineProgress, lineProgress, OrderAction } from '@app/orders';
import type { StoredOrderJson } from '@app/store';

export type OrderView = CanonicalOrder & { lineProgress: LineProgress; allowedActions: (OrderAction | HoldAction)[] };

/** An OrderView already serialised to JSON (UTF-8), sent as it is under JSON_CONTENT_TYPE. */
export type OrderViewJson = Buffer;

/** What fastify answers objects with; bytes under it are sent untouched. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The REST representation: the stored order plus its line progress (docs/api-decisions.md LP-1) and the actions allowed now (computed, never stored): the commands, then `hold` / `release` (docs/api-decisions.md HO-1). */
@Injectable()
export class OrderPresenter {
  /** Joom stores of both API versions: a stored order's profile then depends on its account (docs/api-decisions.md AC-1). */
  private readonly joomVersionsDiffer: boolean;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.joomVersionsDiffer = new Set(accountsOf(config, 'joom').map((account) => account.apiVersion)).size > 1;
  }

  present(order: CanonicalOrder): OrderView {
    return { ...order, lineProgress: lineProgress(order), allowedActions: [...allowedActions(order, profileFor(order.channel, this.config, order.account)), ...holdActions(order)] };
  }

  /**
   * The same representation, byte for byte, from the stored JSON: the
   * document with `lineProgress` and `allowedActions` appended as its last keys, where
   * `JSON.stringify(present(order))` puts it. The single-order reads take
   * this path; parsing the document and serialising it again cost more
   * than the rest of the request.
   */
  presentJson(stored: StoredOrderJson): OrderViewJson {
    // Only a deployment mixing v2 and v3 stores pays for reading the account out of the document.
    const account = stored.channel === 'joom' && this.joomVersionsDiffer ? (JSON.parse(stored.json.toString()) as CanonicalOrder).account : undefined;
    const actions = [...allowedActions(stored.facts, profileFor(stored.channel, this.config, account)), ...holdActions(stored.facts)];
    // The document is a JSON object: its last byte is the closing brace.
    return Buffer.concat([stored.json.subarray(0, -1), Buffer.from(`,"lineProgress":${JSON.stringify(lineProgress(stored.facts))},"allowedActions":${JSON.stringify(actions)}}`)]);
  }
}
