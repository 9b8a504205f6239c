import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { FlexportAuthGuard } from './flexport.auth';
import { FlexportClock } from './flexport.clock';
import { FlexportController } from './flexport.controller';
import { FlexportCorrelationMiddleware } from './flexport.correlation.middleware';
import { FlexportIdempotency } from './flexport.idempotency';
import { FlexportOrders } from './flexport.orders';
import { FlexportSimulator } from './flexport.simulator';
import { FlexportStore } from './flexport.store';
import { FlexportWebhookSender } from './flexport.webhooks';

const PROVIDERS = [FlexportStore, FlexportOrders, FlexportIdempotency, FlexportWebhookSender, FlexportClock, FlexportSimulator, FlexportAuthGuard];

/** Flexport Logistics fulfillment-orders simulator (`/logistics/api/{version}/…`). Needs SandboxCoreModule. */
@Module({ controllers: [FlexportController], providers: PROVIDERS, exports: [FlexportSimulator, FlexportStore, FlexportWebhookSender] })
export class FlexportModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(FlexportCorrelationMiddleware).forRoutes(FlexportController);
  }
}
