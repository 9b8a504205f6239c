import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { createRedisClient, RedisClient, waitUntilReady } from './redis-client.factory';
import { LISTING_REDIS_CLIENT, REDIS_CLIENT } from './redis.tokens';
import { OrderRepository } from './order.repository';
import { OrderListing } from './order-listing';
import { OrderIngestor } from './order-ingestor';
import { SyncCursors } from './sync-cursors';
import { ChannelAuthStore } from './channel-auth.store';
import { CommandLeases } from './command-leases';
import { CircuitStore } from './circuit.store';
import { UpdatedIndexBackfill } from './updated-index-backfill';
import { ShipByIndex } from './ship-by-index';
import { ShipByIndexBackfill } from './ship-by-index-backfill';
import { RoutingBacklog } from './routing-backlog';
import { AccountIndexBackfill } from './account-index-backfill';

const STORE_PROVIDERS = [OrderRepository, OrderListing, OrderIngestor, SyncCursors, ChannelAuthStore, CommandLeases, CircuitStore, ShipByIndex, RoutingBacklog];

/** The Redis-backed order store. Needs `ConfigModule.forRoot(...)` in the app. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [GATEWAY_CONFIG],
      useFactory: async (config: GatewayConfig) => {
        const client = createRedisClient(config.redisUrl, 'gateway-store');
        await waitUntilReady(client, 3_000);
        return client;
      },
    },
    {
      provide: LISTING_REDIS_CLIENT,
      inject: [GATEWAY_CONFIG],
      useFactory: async (config: GatewayConfig) => {
        const client = createRedisClient(config.redisUrl, 'gateway-store-listing');
        await waitUntilReady(client, 3_000);
        return client;
      },
    },
    ...STORE_PROVIDERS,
    UpdatedIndexBackfill,
    ShipByIndexBackfill,
    AccountIndexBackfill,
  ],
  exports: [REDIS_CLIENT, ...STORE_PROVIDERS],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(LISTING_REDIS_CLIENT) private readonly listingRedis: RedisClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    this.listingRedis.disconnect();
  }
}
