import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { ChannelAuthStatus } from '../health/channel-auth.status';

/**
 * `gateway_remote_credentials_refused{system}` (RemoteAuthWatch's record, for
 * every enabled system) and `gateway_channel_auth_ok{channel}`: 1 while the channel's OAuth grant works
 * (or no refresh was needed yet), 0 once a refresh was refused and a person
 * must renew it (docs/api-decisions.md OA-6). Read from Redis at scrape time,
 * as the worker recorded it; only channels configured with OAuth appear.
 */
@Injectable()
export class ChannelAuthMetricSet {
  constructor(registry: Registry, status: ChannelAuthStatus) {
    new Gauge({
      name: 'gateway_channel_auth_ok',
      help: "1 while the channel's OAuth refresh works, 0 when the marketplace refused the refresh token",
      labelNames: ['channel'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const { channel, account } of status.oauthChannels()) {
          const view = await status.view(channel, account);
          this.set({ channel }, view.status === 'refused' ? 0 : 1);
        }
      },
    });
    new Gauge({
      name: 'gateway_remote_credentials_refused',
      help: "1 while the system answers 401 to the worker's calls (its token refused), else 0; enabled systems only",
      labelNames: ['system'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const system of status.enabledSystems()) this.set({ system }, (await status.refusedSince(system)) ? 1 : 0);
      },
    });
  }
}
