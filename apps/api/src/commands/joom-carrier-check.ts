import { GatewayConfig } from '@app/config';
import { JoomCarriers } from '@app/joom';
import { CanonicalOrder } from '@app/orders';
import { FulfillBody } from '@app/queues';

/**
 * A merchant's `fulfill` with mode `tracking` names a carrier Joom must
 * accept. Joom v2's accepted names are fixed (the document's list and
 * `JOOM_CARRIER_MAP`), so an unknown one is refused here, 422
 * `invalid_carrier`, before anything is queued. v3's are Joom's shippers list,
 * which only the worker reads: there the step refuses it on its first run,
 * before any order call (docs/api-decisions.md CA-7).
 */
export class JoomCarrierCheck {
  private readonly v2: JoomCarriers | null;

  constructor(config: GatewayConfig) {
    this.v2 = config.channels.joom?.apiVersion === 'v2' ? new JoomCarriers(config.joomCarrierMap) : null;
  }

  assertKnown(order: Pick<CanonicalOrder, 'channel'>, body: Partial<FulfillBody>): void {
    if (order.channel !== 'joom' || body.mode !== 'tracking' || !this.v2 || typeof body.carrier !== 'string') return;
    this.v2.resolve(body.carrier);
  }
}
