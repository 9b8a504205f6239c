import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { HttpMetricSet, HttpMetricsMiddleware } from './http-metrics';
import { MetricsController } from './metrics.controller';

@Module({
  providers: [
    {
      provide: Registry,
      useFactory: () => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
    HttpMetricSet,
  ],
  controllers: [MetricsController],
  exports: [Registry],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
