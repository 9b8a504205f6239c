import type { AkinonConfig, GatewayConfig, JoomConfig } from './gateway-config';

export type AccountChannel = 'joom' | 'akinon';
type AccountConfigOf<C extends AccountChannel> = C extends 'joom' ? JoomConfig : AkinonConfig;

/**
 * Every configured account of a sales channel (docs/api-decisions.md AC-1):
 * `config.accounts` when loadConfig built it, else the one account of
 * `config.channels` (hand-built configs); empty when the channel is off.
 */
export function accountsOf<C extends AccountChannel>(config: GatewayConfig, channel: C): AccountConfigOf<C>[] {
  const listed = config.accounts?.[channel];
  if (listed && listed.length > 0) return listed as AccountConfigOf<C>[];
  const only = config.channels[channel];
  return only ? [only as AccountConfigOf<C>] : [];
}

/** One account's settings, or null when the channel has no such account. */
export function accountConfig<C extends AccountChannel>(config: GatewayConfig, channel: C, account: string): AccountConfigOf<C> | null {
  return accountsOf(config, channel).find((entry) => entry.account === account) ?? null;
}
