import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';

const MISSING: Record<keyof GatewayConfig['channels'], string> = {
  joom: 'JOOM_ACCESS_TOKEN is not set',
  akinon: 'AKINON_API_TOKEN (and AKINON_BASE_URL) are not set',
  flexport: 'FLEXPORT_API_TOKEN is not set',
};

/**
 * Reports which channels are enabled. A disabled channel is a deliberate
 * configuration, not a failure, so it never makes the gateway unready.
 */
@Injectable()
export class ChannelsHealthIndicator {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly health: HealthIndicatorService,
  ) {}

  check(key = 'channels') {
    const channels = Object.fromEntries(
      (Object.keys(MISSING) as (keyof typeof MISSING)[]).map((name) => {
        const channel = this.config.channels[name];
        return [name, channel ? { enabled: true, baseUrl: channel.baseUrl } : { enabled: false, reason: MISSING[name] }];
      }),
    );
    return this.health.check(key).up(channels);
  }
}
