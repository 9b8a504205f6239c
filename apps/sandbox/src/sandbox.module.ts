import { DynamicModule, Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { AkinonModule } from './akinon/akinon.module';
import { ControlModule } from './control/control.module';
import { SandboxCoreModule } from './core/sandbox-core.module';
import { SANDBOX_CONFIG, SandboxConfig } from './core/sandbox-config';
import { SimulatorRegistry } from './core/simulator-registry';
import { FlexportModule } from './flexport/flexport.module';
import { JoomV2Module } from './joom-v2/joom-v2.module';
import { JoomV3Module } from './joom-v3/joom-v3.module';

/**
 * One store's marketplace simulators, all under one origin. Boot seeding
 * lives here (not in each simulator) so specs that compose modules start
 * empty and seed exactly what they need.
 */
@Module({})
export class SandboxModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Sandbox');

  /** A store with this config; each app built from it is a DI container, so stores share no state. */
  static forStore(config: SandboxConfig): DynamicModule {
    return { module: SandboxModule, imports: [SandboxCoreModule.forConfig(config), JoomV2Module, JoomV3Module, AkinonModule, FlexportModule, ControlModule] };
  }

  constructor(
    private readonly registry: SimulatorRegistry,
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
  ) {}

  onApplicationBootstrap(): void {
    const started = performance.now();
    for (const simulator of this.registry.all()) simulator.seed(this.config.seedCount, this.config.seed);
    const counts = this.registry
      .all()
      .map((simulator) => `${simulator.api}=${simulator.size()}`)
      .join(' ');
    this.logger.log(`port ${this.config.port}: seeded ${counts} (seed ${this.config.seed}) in ${Math.round(performance.now() - started)} ms`);
  }
}
