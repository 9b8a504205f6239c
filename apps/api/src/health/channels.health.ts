import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { ChannelAuthStatus } from './channel-auth.status';

const MISSING: Record<keyof GatewayConfig['channels'], string> = {
  joom: 'neither JOOM_ACCESS_TOKEN nor JOOM_CLIENT_ID, JOOM_CLIENT_SECRET and JOOM_REFRESH_TOKEN are set',
  akinon: 'AKINON_API_TOKEN (and AKINON_BASE_URL) are not set',
  flexport: 'FLEXPORT_API_TOKEN is not set',
};

/**
 * Reports which channels are enabled. A disabled channel is a deliberate
 * configuration, not a failure, so it never makes the gateway unready. A
 * channel whose OAuth refresh was refused shows `status: "down"` with the
 * reason, while readiness stays up: the api still serves reads and queues
 * commands, which wait (docs/api-decisions.md OA-6).
 */
@Injectable()
export class ChannelsHealthIndicator {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly health: HealthIndicatorService,
    private readonly auth: ChannelAuthStatus,
  ) {}

  async check(key = 'channels') {
    const channels: Record<string, unknown> = Object.fromEntries(
      (Object.keys(MISSING) as (keyof typeof MISSING)[]).map((name) => {
        const channel = this.config.channels[name];
        return [name, channel ? { enabled: true, baseUrl: channel.baseUrl } : { enabled: false, reason: MISSING[name] }];
      }),
    );
    for (const { channel, account } of this.auth.oauthChannels()) {
      const auth = await this.auth.view(channel, account);
      channels[channel] = { ...(channels[channel] as object), status: auth.status === 'refused' ? 'down' : 'up', auth };
    }
    return this.health.check(key).up(channels);
  }
}
