import { Global, Module } from '@nestjs/common';
import { loadSandboxConfig, SANDBOX_CONFIG } from './sandbox-config';
import { SideEffectLedger } from './side-effect-ledger';
import { SimulatorRegistry } from './simulator-registry';

/** Shared by every simulator module: config, the registry and the side-effect ledger. */
@Global()
@Module({
  providers: [{ provide: SANDBOX_CONFIG, useFactory: () => loadSandboxConfig() }, SimulatorRegistry, SideEffectLedger],
  exports: [SANDBOX_CONFIG, SimulatorRegistry, SideEffectLedger],
})
export class SandboxCoreModule {}
