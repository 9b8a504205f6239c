import { Module } from '@nestjs/common';
import { AkinonAuthGuard } from './akinon.auth';
import { AkinonCommands } from './akinon.commands';
import { AkinonController } from './akinon.controller';
import { AkinonSettings } from './akinon.settings';
import { AkinonSimulator } from './akinon.simulator';
import { AkinonStore } from './akinon.store';

const PROVIDERS = [AkinonStore, AkinonSettings, AkinonCommands, AkinonSimulator, AkinonAuthGuard];

/** Akinon seller order API simulator (`/api/i1/…`). Needs SandboxCoreModule. */
@Module({ controllers: [AkinonController], providers: PROVIDERS, exports: [AkinonSimulator, AkinonStore, AkinonSettings] })
export class AkinonModule {}
