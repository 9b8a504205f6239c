import { Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { ChannelAuthStatus } from '../health/channel-auth.status';
import { CircuitStatusReader } from '../health/circuit.status';
import { QueuesModule } from '../queues/queues.module';
import { AttentionReportService } from '../attention/attention-report.service';
import { AttentionMetricSet } from './attention-metrics';
import { ChannelAuthMetricSet } from './channel-auth-metrics';
import { CircuitMetricSet } from './circuit-metrics';
import { HttpMetricSet, HttpMetricsHook } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { QueueMetricSet } from './queue-metrics';
import { QueueMetricsReader } from './queue-metrics.reader';
import { SyncMetricSet } from './sync-metrics';
import { RedisMemoryMetricSet } from './redis-memory-metrics';
import { ShipByMetricSet } from './ship-by-metrics';

@Module({
  imports: [QueuesModule],
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
    HttpMetricsHook,
    QueueMetricsReader,
    QueueMetricSet,
    ChannelAuthStatus,
    ChannelAuthMetricSet,
    SyncMetricSet,
    AttentionReportService,
    AttentionMetricSet,
    ShipByMetricSet,
    CircuitStatusReader,
    CircuitMetricSet,
    RedisMemoryMetricSet,
  ],
  controllers: [MetricsController],
  exports: [Registry],
})
export class MetricsModule {}
