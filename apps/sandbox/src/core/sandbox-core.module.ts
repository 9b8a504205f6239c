import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CallLog } from './call-log';
import { CallLogMiddleware } from './call-log.middleware';
import { FaultInjector } from './fault-injector';
import { FaultMiddleware } from './fault.middleware';
import { SandboxExceptionFilter } from './sandbox-exception.filter';
import { loadSandboxConfig, SANDBOX_CONFIG } from './sandbox-config';
import { SideEffectLedger } from './side-effect-ledger';
import { SimulatorRegistry } from './simulator-registry';

const SHARED = [SimulatorRegistry, SideEffectLedger, CallLog, FaultInjector];

/**
 * Shared by every simulator module: config, the registry, the side-effect
 * ledger, the call log and the fault injector. Importing it also installs the
 * call-log and fault middleware (in that order, so injected faults are logged)
 * and the fallback exception filter.
 */
@Global()
@Module({
  providers: [{ provide: SANDBOX_CONFIG, useFactory: () => loadSandboxConfig() }, ...SHARED, { provide: APP_FILTER, useClass: SandboxExceptionFilter }],
  exports: [SANDBOX_CONFIG, ...SHARED],
})
export class SandboxCoreModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CallLogMiddleware, FaultMiddleware).forRoutes('*');
  }
}
