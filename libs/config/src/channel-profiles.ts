import { accountConfig } from './channel-accounts';
import { GatewayConfig } from './gateway-config';
import { Channel, ChannelProfile } from '@app/orders';

/**
 * Which capability profile an order's channel has in this deployment: Joom's
 * depends on the account's API version (v3 adds online fulfilment), each
 * store its own (docs/api-decisions.md AC-1); no account named = the channel's default.
 */
export function profileFor(channel: Channel, config: GatewayConfig, account?: string): ChannelProfile {
  switch (channel) {
    case 'joom': {
      const joom = account === undefined ? config.channels.joom : (accountConfig(config, 'joom', account) ?? config.channels.joom);
      return joom?.apiVersion === 'v2' ? 'joom_v2' : 'joom_v3';
    }
    case 'akinon':
      return 'akinon';
    case 'flexport':
      return 'flexport';
  }
}

/**
 * The account a channel reference means: the one it names, else the
 * channel's configured account (`main` when the channel is not configured).
 * Gateway order ids derive from (channel, account, external id).
 */
export function accountFor(channel: Channel, config: GatewayConfig, named?: string): string {
  return named ?? config.channels[channel]?.account ?? 'main';
}
