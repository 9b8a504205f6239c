import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { displayUrl } from '@app/common';
import { accountsOf, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { circuitOf } from '@app/queues';
import { ChannelAuthStatus } from './channel-auth.status';
import { CircuitStatusReader } from './circuit.status';

const MISSING: Record<keyof GatewayConfig['channels'], string> = {
  joom: 'neither JOOM_ACCESS_TOKEN nor JOOM_CLIENT_ID, JOOM_CLIENT_SECRET and JOOM_REFRESH_TOKEN are set',
  akinon: 'AKINON_API_TOKEN (and AKINON_BASE_URL) are not set',
  flexport: 'FLEXPORT_API_TOKEN is not set',
};

/** The credentials a 401 refuses, named in the reason (never their value). */
const CREDENTIAL: Record<keyof GatewayConfig['channels'], string> = {
  joom: 'JOOM_ACCESS_TOKEN',
  akinon: 'AKINON_API_TOKEN',
  flexport: 'FLEXPORT_API_TOKEN',
};

/**
 * Reports which channels are enabled. A disabled channel is a deliberate
 * configuration, not a failure, so it never makes the gateway unready. A
 * channel whose OAuth refresh was refused shows `status: "down"` with the
 * reason, while readiness stays up: the api still serves reads and queues
 * commands, which wait (docs/api-decisions.md OA-6). So does a channel that
 * answered 401 to the worker's latest calls (its token refused), until a
 * later call goes through (RemoteAuthWatch). Base URLs are shown without
 * userinfo, query or fragment (displayUrl).
 */
@Injectable()
export class ChannelsHealthIndicator {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly health: HealthIndicatorService,
    private readonly auth: ChannelAuthStatus,
    private readonly circuits: CircuitStatusReader,
  ) {}

  async check(key = 'channels') {
    const channels: Record<string, unknown> = Object.fromEntries(
      (Object.keys(MISSING) as (keyof typeof MISSING)[]).map((name) => {
        const channel = this.config.channels[name];
        return [name, channel ? { enabled: true, baseUrl: displayUrl(channel.baseUrl) } : { enabled: false, reason: MISSING[name] }];
      }),
    );
    for (const name of Object.keys(CREDENTIAL) as (keyof typeof CREDENTIAL)[]) {
      if (!this.config.channels[name]) continue;
      const since = await this.auth.refusedSince(name);
      if (since) {
        channels[name] = { ...(channels[name] as object), status: 'down', reason: `${name} answered 401 (credentials refused: check ${CREDENTIAL[name]}) since ${since}` };
      }
    }
    // Each account of a sales channel with several (docs/api-decisions.md AC-1): its base URL, its OAuth state and its circuit.
    // A channel with one account answers as it always did.
    for (const channel of ['joom', 'akinon'] as const) {
      const accounts = accountsOf(this.config, channel);
      if (accounts.length < 2) continue;
      const views = await Promise.all(
        accounts.map(async (entry) => {
          const circuit = await this.circuits.view(circuitOf(channel, entry.account));
          const since = await this.auth.refusedSince(circuitOf(channel, entry.account));
          const refused = since ? { status: 'down', reason: `${channel} account ${entry.account} answered 401 (credentials refused) since ${since}` } : {};
          return [entry.account, { baseUrl: displayUrl(entry.baseUrl), circuit: circuit.state, ...refused }] as const;
        }),
      );
      channels[channel] = { ...(channels[channel] as object), accounts: Object.fromEntries(views) };
    }
    for (const { channel, account } of this.auth.oauthChannels()) {
      const auth = await this.auth.view(channel, account);
      const current = channels[channel] as { status?: string; accounts?: Record<string, object> };
      if (current.accounts) {
        const entry = current.accounts[account] as { status?: string };
        current.accounts[account] = { ...entry, status: auth.status === 'refused' || entry.status === 'down' ? 'down' : 'up', auth };
      }
      // The channel's own `auth` stays its default account's; any refused account marks the channel down.
      const own = account === this.config.channels[channel]?.account ? { auth } : {};
      channels[channel] = { ...current, ...own, status: auth.status === 'refused' || current.status === 'down' ? 'down' : 'up' };
    }
    return this.health.check(key).up(channels);
  }
}
