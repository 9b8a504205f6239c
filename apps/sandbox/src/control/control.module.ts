import { Module } from '@nestjs/common';
import { ControlController } from './control.controller';
import { FaultsController } from './faults.controller';
import { ObserveController } from './observe.controller';

/** The `/__sandbox/` control plane (see apps/sandbox/README.md). Needs SandboxCoreModule. */
@Module({ controllers: [ControlController, FaultsController, ObserveController] })
export class ControlModule {}
