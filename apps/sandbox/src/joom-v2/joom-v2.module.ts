import { Module } from '@nestjs/common';
import { JoomRateLimiter } from '../joom-shared/rate-limiter';
import { JoomV2Controller } from './joom-v2.controller';
import { JoomV2Simulator } from './joom-v2.simulator';
import { JoomV2Store } from './joom-v2.store';

/**
 * Joom merchant API v2 simulator (`/api/v2/…`, order part of the document).
 * Needs `SandboxCoreModule` (global) for config, registry and ledger.
 */
@Module({
  controllers: [JoomV2Controller],
  providers: [JoomV2Store, JoomRateLimiter, JoomV2Simulator],
  exports: [JoomV2Simulator],
})
export class JoomV2Module {}
