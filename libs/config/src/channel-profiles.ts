import { GatewayConfig } from './gateway-config';
import { Channel, ChannelProfile } from '@app/orders';

/**
 * Which capability profile an order's channel has in this deployment: Joom's
 * depends on JOOM_API_VERSION (v3 adds online fulfilment).
 */
export function profileFor(channel: Channel, config: GatewayConfig): ChannelProfile {
  switch (channel) {
    case 'joom':
      return config.channels.joom?.apiVersion === 'v2' ? 'joom_v2' : 'joom_v3';
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
