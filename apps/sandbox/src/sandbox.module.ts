import { Module } from '@nestjs/common';
import { SandboxCoreModule } from './core/sandbox-core.module';

/** The marketplace simulators, all under one origin. */
@Module({ imports: [SandboxCoreModule] })
export class SandboxModule {}
