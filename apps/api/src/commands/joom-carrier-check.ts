import { GatewayConfig } from '@app/config';
import { JoomCarriers } from '@app/joom';
import { CanonicalOrder } from '@app/orders';
import { CommandBody, CommandName, FulfillBody } from '@app/queues';

/**
 * A merchant's `fulfill` with mode `tracking`, and every `modify-tracking`,
 * names a carrier Joom must accept. Joom v2's accepted names are fixed (the document's list and
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

  assertKnown(order: Pick<CanonicalOrder, 'channel'>, name: CommandName, body: Partial<CommandBody>): void {
    const carrier = carrierOf(name, body);
    if (order.channel !== 'joom' || !this.v2 || typeof carrier !== 'string') return;
    this.v2.resolve(carrier);
  }
}

/** The carrier a command hands to the channel, if any. */
function carrierOf(name: CommandName, body: Partial<CommandBody>): unknown {
  if (name === 'modify-tracking') return (body as { carrier?: unknown }).carrier;
  if (name === 'fulfill' && (body as Partial<FulfillBody>).mode === 'tracking') return (body as Partial<FulfillBody>).carrier;
  return undefined;
}
