import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { displayUrl } from '@app/common';
import { accountsOf, GATEWAY_CONFIG, GatewayConfig } from '@app/config';

/** Says at boot which channels are enabled and why the others are not (never printing credentials, nor those a base URL may carry: displayUrl). */
@Injectable()
export class ChannelReport implements OnApplicationBootstrap {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const { joom, akinon, flexport } = this.config.channels;
    this.logger.log({
      msg: 'channels',
      joom: joom
        ? `enabled (${joom.apiVersion}, ${displayUrl(joom.baseUrl)}${joom.oauth ? ', OAuth refresh' : ''})`
        : 'disabled: neither JOOM_ACCESS_TOKEN nor JOOM_CLIENT_ID, JOOM_CLIENT_SECRET, JOOM_REFRESH_TOKEN are set',
      akinon: akinon ? `enabled (${displayUrl(akinon.baseUrl)})` : 'disabled: AKINON_API_TOKEN / AKINON_BASE_URL are not set',
      flexport: flexport ? `enabled (${displayUrl(flexport.baseUrl)})` : 'disabled: FLEXPORT_API_TOKEN is not set',
      // Every account beside the default one above, each with its own queues (docs/api-decisions.md AC-3).
      accounts: {
        joom: accountsOf(this.config, 'joom').map((entry) => `${entry.account} (${entry.apiVersion}, ${displayUrl(entry.baseUrl)}${entry.oauth ? ', OAuth refresh' : ''})`),
        akinon: accountsOf(this.config, 'akinon').map((entry) => `${entry.account} (${displayUrl(entry.baseUrl)})`),
      },
    });
  }
}
