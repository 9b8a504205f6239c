import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { TerminusModule } from '@nestjs/terminus';
import { ConfigModule, GatewayConfig } from '@app/config';
import { GatewayLoggerModule } from '@app/common';
import type { Logger } from 'pino';
import { AccountQueues, CommandRouter, IdempotencyRecords, OrderRouting, QUEUE_CONNECTION, queueConnectionOptions } from '@app/queues';
import { StoreModule } from '@app/store';
import { AttentionController } from './attention/attention.controller';
import { AttentionReportService } from './attention/attention-report.service';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ChannelsHealthIndicator } from './health/channels.health';
import { CircuitsHealthIndicator } from './health/circuits.health';
import { ChannelAuthStatus } from './health/channel-auth.status';
import { CircuitStatusReader } from './health/circuit.status';
import { HealthController } from './health/health.controller';
import { HoldsController } from './holds/holds.controller';
import { RedisHealthIndicator } from './health/redis.health';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { createValidationPipe } from './http/validation';
import { MetricsModule } from './metrics/metrics.module';
import { CommandIntake } from './commands/command-intake.service';
import { CommandRateLimit } from './commands/command-rate-limit';
import { CommandsController } from './commands/commands.controller';
import { JobsController } from './jobs/jobs.controller';
import { JobsService } from './jobs/jobs.service';
import { ChannelOrdersController } from './orders/channel-orders.controller';
import { SyncController } from './sync/sync.controller';
import { FlexportWebhookController } from './webhooks/flexport-webhook.controller';
import { FlexportWebhookDeliveries } from './webhooks/flexport-webhook.deliveries';
import { OrderPresenter } from './orders/order.presenter';
import { OrderByIdRoute } from './orders/order-by-id.route';
import { OrdersController } from './orders/orders.controller';
import { ShippingAddressController } from './orders/shipping-address.controller';
import { QueueDashboardModule } from './queues/queue-dashboard.module';
import { QueuesModule } from './queues/queues.module';
import { ReportsModule } from './reports/reports.module';
import { RoutingController } from './routing/routing.controller';

const HTTP_PIPELINE = [
  { provide: APP_GUARD, useClass: ApiKeyGuard },
  { provide: APP_PIPE, useFactory: createValidationPipe },
  { provide: APP_FILTER, useClass: ApiExceptionFilter },
];

/** The HTTP process: REST reads and command intake. Never runs processors. */
export class ApiModule {
  /** `logger` is the one the HTTP server logs requests with (see bootstrap.ts). */
  static forRoot(config: GatewayConfig, logger: Logger) {
    // One connection for every queue (on a Cluster a shared client: see queueConnectionOptions).
    const queueConnection = queueConnectionOptions(config.redisUrl, 'producer');
    @Module({
      imports: [
        ConfigModule.forRoot(config),
        GatewayLoggerModule.forRoot(logger),
        StoreModule,
        BullModule.forRoot({ connection: queueConnection, prefix: config.queuePrefix }),
        QueuesModule,
        TerminusModule,
        MetricsModule,
        QueueDashboardModule,
        ReportsModule,
      ],
      controllers: [
        OrdersController,
        RoutingController,
        ShippingAddressController,
        HoldsController,
        AttentionController,
        ChannelOrdersController,
        CommandsController,
        JobsController,
        SyncController,
        FlexportWebhookController,
        HealthController,
      ],
      providers: [
        ...HTTP_PIPELINE,
        { provide: QUEUE_CONNECTION, useValue: queueConnection },
        OrderPresenter,
        OrderByIdRoute,
        AttentionReportService,
        CommandIntake,
        CommandRateLimit,
        AccountQueues,
        CommandRouter,
        OrderRouting,
        IdempotencyRecords,
        FlexportWebhookDeliveries,
        JobsService,
        RedisHealthIndicator,
        ChannelsHealthIndicator,
        CircuitsHealthIndicator,
        ChannelAuthStatus,
        CircuitStatusReader,
      ],
    })
    class ApiRootModule {}
    return ApiRootModule;
  }
}
