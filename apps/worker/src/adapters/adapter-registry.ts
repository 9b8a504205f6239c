import { Inject, Injectable } from '@nestjs/common';
import { FulfillmentProviderAdapter, SalesChannelAdapter } from '@app/adapters';
import { createAkinonAdapter } from '@app/akinon';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { createFlexportAdapter } from '@app/flexport';
import { createJoomAdapter } from '@app/joom';
import { Channel, DomainError } from '@app/orders';
import { ChannelAuthStore } from '@app/store';

/** A command needs a system whose credentials are not configured. */
export class ChannelDisabledError extends DomainError {
  readonly code = 'channel_disabled';
  constructor(system: string) {
    super(`${system} is not configured (no credentials), so this command cannot run`, { system });
  }
}

/** One adapter per enabled external system, built once from the config. */
@Injectable()
export class AdapterRegistry {
  private readonly channels = new Map<Channel, SalesChannelAdapter>();
  private readonly flexport: FulfillmentProviderAdapter | null;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, authStore: ChannelAuthStore) {
    const { joom, akinon, flexport } = config.channels;
    // Carriers Joom does not list (Flexport's UPS, FedEx) reach it only through the table or v3's shippers (docs/api-decisions.md CA-3).
    // OAuth tokens are shared through Redis by every worker (docs/api-decisions.md OA-3).
    if (joom) this.channels.set('joom', createJoomAdapter(joom, { carrierMap: config.joomCarrierMap }, { store: authStore }));
    if (akinon) this.channels.set('akinon', createAkinonAdapter(akinon));
    this.flexport = flexport ? createFlexportAdapter(flexport) : null;
  }

  salesChannel(channel: Channel): SalesChannelAdapter {
    const adapter = this.channels.get(channel);
    if (!adapter) throw new ChannelDisabledError(channel);
    return adapter;
  }

  provider(): FulfillmentProviderAdapter {
    if (!this.flexport) throw new ChannelDisabledError('flexport');
    return this.flexport;
  }
}
