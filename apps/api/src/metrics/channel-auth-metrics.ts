import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { circuitOf } from '@app/queues';
import { ChannelAuthStatus } from '../health/channel-auth.status';

/**
 * `gateway_remote_credentials_refused{system,account}` (RemoteAuthWatch's
 * record, for every account of every enabled system: each store's token is
 * its own, docs/api-decisions.md AC-3) and `gateway_channel_auth_ok{channel,account}`:
 * 1 while the account's OAuth grant works (or no refresh was needed yet), 0
 * once a refresh was refused and a person must renew it (OA-3, OA-6). Read
 * from Redis at scrape time, as the worker recorded it; only accounts
 * configured with OAuth appear.
 */
@Injectable()
export class ChannelAuthMetricSet {
  constructor(registry: Registry, status: ChannelAuthStatus) {
    new Gauge({
      name: 'gateway_channel_auth_ok',
      help: "1 while the channel's OAuth refresh works, 0 when the marketplace refused the refresh token",
      labelNames: ['channel', 'account'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const { channel, account } of status.oauthChannels()) {
          const view = await status.view(channel, account);
          this.set({ channel, account }, view.status === 'refused' ? 0 : 1);
        }
      },
    });
    new Gauge({
      name: 'gateway_remote_credentials_refused',
      help: "1 while the system answers 401 to the worker's calls with the account's credentials (its token refused), else 0; enabled systems only",
      labelNames: ['system', 'account'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const { system, account } of status.credentialedAccounts()) {
          this.set({ system, account }, (await status.refusedSince(circuitOf(system, account))) ? 1 : 0);
        }
      },
    });
  }
}
