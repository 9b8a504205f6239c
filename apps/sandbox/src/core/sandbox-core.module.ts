import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CallLog } from './call-log';
import { CallLogMiddleware } from './call-log.middleware';
import { FaultInjector } from './fault-injector';
import { FaultMiddleware } from './fault.middleware';
import { SandboxExceptionFilter } from './sandbox-exception.filter';
import { SANDBOX_CONFIG, SandboxConfig } from './sandbox-config';
import { SideEffectLedger } from './side-effect-ledger';
import { SimulatorRegistry } from './simulator-registry';

const SHARED = [SimulatorRegistry, SideEffectLedger, CallLog, FaultInjector];

/**
 * Shared by every simulator module: config, the registry, the side-effect
 * ledger, the call log and the fault injector. Importing it also installs the
 * call-log and fault middleware (in that order, so injected faults are logged)
 * and the fallback exception filter. The config is given, not read here: a
 * process serving several stores builds one app per store, each with its
 * own config (docs/api-decisions.md AC-6).
 */
@Global()
@Module({})
export class SandboxCoreModule implements NestModule {
  static forConfig(config: SandboxConfig): DynamicModule {
    return {
      module: SandboxCoreModule,
      providers: [{ provide: SANDBOX_CONFIG, useValue: config }, ...SHARED, { provide: APP_FILTER, useClass: SandboxExceptionFilter }],
      exports: [SANDBOX_CONFIG, ...SHARED],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CallLogMiddleware, FaultMiddleware).forRoutes('*');
  }
}
