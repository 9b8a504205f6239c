import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { createGatewayLogger, GatewayLoggerModule } from '@app/common';
import { ConfigModule, GatewayConfig } from '@app/config';
import { AccountQueues, ALL_QUEUES, CommandRouter, IdempotencyRecords, OrderRouting, QUEUE_CONNECTION, queueConnectionOptions } from '@app/queues';
import { StoreModule } from '@app/store';
import { AccountWorkers } from './accounts/account-workers';
import { AdapterRegistry } from './adapters/adapter-registry';
import { RemoteAuthWatch } from './adapters/remote-auth-watch';
import { CircuitBreaker } from './circuit/circuit-breaker';
import { ChannelReport } from './channel-report';
import { ShipByWatch } from './deadlines/ship-by-watch';
import { RoutingBacklogWatch } from './routing/routing-backlog-watch';
import { OrderCommandsProcessor } from './commands/order-commands.processor';
import { FlexportPollProcessor } from './flexport/flexport-poll.processor';
import { WorkerHttpServer } from './http/worker-http.server';
import { WORKER_HOSTS, WorkerReadiness } from './http/worker-readiness';
import { QueueMetricsRecorder } from './metrics/queue-metrics.recorder';
import { WorkerMetrics } from './metrics/worker-metrics';
import { ChannelCancelStep } from './steps/handlers/channel-cancel.step';
import { ChannelRejectStep } from './steps/handlers/channel-reject.step';
import { FlexportCancelStep } from './steps/handlers/flexport-cancel.step';
import { FlexportCreateStep } from './steps/handlers/flexport-create.step';
import { FlexportRefreshStep } from './steps/handlers/flexport-refresh.step';
import { FulfillOnlineStep } from './steps/handlers/fulfill-online.step';
import { FulfillTrackingStep } from './steps/handlers/fulfill-tracking.step';
import { ModifyTrackingStep } from './steps/handlers/modify-tracking.step';
import { PushTrackingStep } from './steps/handlers/push-tracking.step';
import { OrderEffects } from './steps/order-effects';
import { STEP_HANDLERS } from './steps/step-handler';
import { StepFollowUps } from './steps/step-follow-ups';
import { StepHandlerRegistry } from './steps/step-handlers.registry';
import { AkinonStepProcessor, FlexportStepProcessor, JoomStepProcessor } from './steps/system.processors';
import { SystemLimits } from './steps/system-limits';
import { QueuedCommands } from './steps/queued-commands';
import { RateLimitWait } from './rate-limit/rate-limit-wait';
import { CancellationPlanSync } from './sync/cancellation-plan.sync';
import { MissingOrderAudit } from './sync/missing-order-audit';
import { AkinonSyncProcessor, JoomSyncProcessor } from './sync/channel-sync.processor';
import { ChannelSync } from './sync/channel-sync.service';
import { SyncSchedules } from './sync/sync-schedules';

const STEP_HANDLER_CLASSES = [
  FulfillTrackingStep,
  FulfillOnlineStep,
  FlexportCreateStep,
  FlexportCancelStep,
  ChannelCancelStep,
  ChannelRejectStep,
  PushTrackingStep,
  FlexportRefreshStep,
  ModifyTrackingStep,
];

const PROCESSORS = [OrderCommandsProcessor, JoomStepProcessor, AkinonStepProcessor, FlexportStepProcessor, FlexportPollProcessor, JoomSyncProcessor, AkinonSyncProcessor];

/** The worker process: BullMQ processors only (command intake, per-system steps, polls). */
export class WorkerModule {
  static forRoot(config: GatewayConfig) {
    // One connection for every queue (on a Cluster a shared client: see queueConnectionOptions).
    const queueConnection = queueConnectionOptions(config.redisUrl, 'worker');
    @Module({
      imports: [
        ConfigModule.forRoot(config),
        GatewayLoggerModule.forRoot(createGatewayLogger({ level: config.logLevel, service: 'worker' })),
        StoreModule,
        BullModule.forRoot({ connection: queueConnection, prefix: config.queuePrefix }),
        BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
      ],
      providers: [
        { provide: QUEUE_CONNECTION, useValue: queueConnection },
        ChannelReport,
        ShipByWatch,
        RoutingBacklogWatch,
        AdapterRegistry,
        RemoteAuthWatch,
        CircuitBreaker,
        OrderEffects,
        AccountQueues,
        CommandRouter,
        OrderRouting,
        IdempotencyRecords,
        QueuedCommands,
        StepFollowUps,
        SystemLimits,
        RateLimitWait,
        ...STEP_HANDLER_CLASSES,
        { provide: STEP_HANDLERS, useFactory: (...handlers: unknown[]) => handlers, inject: STEP_HANDLER_CLASSES },
        StepHandlerRegistry,
        QueueMetricsRecorder,
        WorkerMetrics,
        { provide: WORKER_HOSTS, useFactory: (...hosts: unknown[]) => hosts, inject: PROCESSORS },
        WorkerReadiness,
        WorkerHttpServer,
        ChannelSync,
        CancellationPlanSync,
        MissingOrderAudit,
        ...PROCESSORS,
        SyncSchedules,
        AccountWorkers,
      ],
    })
    class WorkerRootModule {}
    return WorkerRootModule;
  }
}
