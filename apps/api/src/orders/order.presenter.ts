import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig, profileFor } from '@app/config';
import { allowedActions, CanonicalOrder, OrderAction } from '@app/orders';

export type OrderView = CanonicalOrder & { allowedActions: OrderAction[] };

/** The REST representation: the stored order plus the actions allowed now (computed, never stored). */
@Injectable()
export class OrderPresenter {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  present(order: CanonicalOrder): OrderView {
    return { ...order, allowedActions: allowedActions(order, profileFor(order.channel, this.config)) };
  }
}
