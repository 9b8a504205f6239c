import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { accountsOf, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { SyncCursors } from '@app/store';

/**
 * `gateway_sync_caught_up_timestamp_seconds{channel,account}`: when a sync
 * run last read the channel's changed-orders feed to its end, as the worker
 * recorded it (SyncCursors). A timestamp, not an age, as Prometheus
 * convention asks: `time() - …` is the staleness an alert compares with the
 * sync interval. Enabled sales channels only; none until a run caught up.
 */
@Injectable()
export class SyncMetricSet {
  constructor(registry: Registry, cursors: SyncCursors, @Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    // Every account of each channel: each syncs apart, with its own cursor (docs/api-decisions.md AC-3).
    const channels = (['joom', 'akinon'] as const).flatMap((channel) => accountsOf(config, channel).map(({ account }) => ({ channel, account })));
    new Gauge({
      name: 'gateway_sync_caught_up_timestamp_seconds',
      help: "Unix time a sync last read the channel's changed-orders feed to its end",
      labelNames: ['channel', 'account'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const { channel, account } of channels) {
          const at = await cursors.caughtUpAt(channel, account).catch(() => null);
          if (at !== null && Number.isFinite(at)) this.set({ channel, account }, at / 1000);
        }
      },
    });
  }
}
