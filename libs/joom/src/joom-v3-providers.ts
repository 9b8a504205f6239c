import { JoomCarriers } from './joom-carriers';
import { InvalidCarrierError } from './joom-errors';
import { JoomShippers } from './joom-shippers';

/** What v3 `orders/fulfill` and `orders/modifyTracking` send: the shipper's id (`providerId`), and its name for comparisons. */
export interface V3Provider {
  providerId: string;
  name: string;
}

/**
 * A carrier as a v3 shipper: the carrier table and the document's name forms
 * first (so "中国邮政" or a mapped "DHL_ECOMMERCE" find their shipper), then
 * the shippers list by name. v3 accepts whatever `GET /shippers` lists, which
 * may be more than the v2 document's list (docs/api-decisions.md CA-2).
 */
export class JoomV3Providers {
  constructor(
    private readonly carriers: JoomCarriers,
    private readonly shippers: JoomShippers,
  ) {}

  async resolve(carrier: string): Promise<V3Provider> {
    const name = this.carriers.joomName(carrier) ?? carrier.trim();
    const shipper = await this.shippers.find(name);
    if (!shipper) throw new InvalidCarrierError(carrier, `Joom's shippers list (GET /api/v3/shippers) has no "${name}" and JOOM_CARRIER_MAP does not map it to one`);
    return { providerId: shipper.id, name: shipper.name };
  }

  /** True when Joom's shipment names the same shipper (by id when it sent one, else by name). */
  same(shipment: { provider?: string; providerId?: string } | undefined, provider: V3Provider): boolean {
    if (shipment?.providerId) return shipment.providerId === provider.providerId;
    return this.carriers.same(shipment?.provider, provider.name);
  }
}
