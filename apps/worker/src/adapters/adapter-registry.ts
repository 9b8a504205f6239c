import { Inject, Injectable } from '@nestjs/common';
import { FulfillmentProviderAdapter, SalesChannelAdapter } from '@app/adapters';
import { createAkinonAdapter } from '@app/akinon';
import { accountsOf, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
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

/**
 * One adapter per enabled external system and account, built once from the
 * config: each Joom store and Akinon account has its own credentials, base
 * URL, list pacer and OAuth state (docs/api-decisions.md AC-1).
 */
@Injectable()
export class AdapterRegistry {
  /** Keyed `<channel>/<account>`. */
  private readonly channels = new Map<string, SalesChannelAdapter>();
  private readonly defaults = new Map<Channel, string>();
  private readonly flexport: FulfillmentProviderAdapter | null;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, authStore: ChannelAuthStore) {
    // Carriers Joom does not list (Flexport's UPS, FedEx) reach it only through the table or v3's shippers (docs/api-decisions.md CA-3).
    // OAuth tokens are shared through Redis by every worker, keyed by account (docs/api-decisions.md OA-3).
    for (const joom of accountsOf(config, 'joom')) this.channels.set(`joom/${joom.account}`, createJoomAdapter(joom, { carrierMap: config.joomCarrierMap }, { store: authStore }));
    for (const akinon of accountsOf(config, 'akinon')) this.channels.set(`akinon/${akinon.account}`, createAkinonAdapter(akinon));
    if (config.channels.joom) this.defaults.set('joom', config.channels.joom.account);
    if (config.channels.akinon) this.defaults.set('akinon', config.channels.akinon.account);
    const { flexport } = config.channels;
    this.flexport = flexport ? createFlexportAdapter(flexport) : null;
  }

  /** The adapter of an order's account (`order.account`); no account named = the channel's default one. */
  salesChannel(channel: Channel, account?: string): SalesChannelAdapter {
    const adapter = this.channels.get(`${channel}/${account ?? this.defaults.get(channel)}`);
    if (!adapter) throw new ChannelDisabledError(account ? `${channel} account "${account}"` : channel);
    return adapter;
  }

  provider(): FulfillmentProviderAdapter {
    if (!this.flexport) throw new ChannelDisabledError('flexport');
    return this.flexport;
  }
}
