import { Module } from '@nestjs/common';
import { JoomOAuthController } from '../joom-shared/joom-oauth.controller';
import { JoomOAuthModule } from '../joom-shared/joom-oauth.module';
import { JoomRateLimiter } from '../joom-shared/rate-limiter';
import { JoomV2Controller } from './joom-v2.controller';
import { JoomV2Simulator } from './joom-v2.simulator';
import { JoomV2Store } from './joom-v2.store';

/**
 * Joom merchant API v2 simulator (`/api/v2/…`, order part of the document).
 * Needs `SandboxCoreModule` (global) for config, registry and ledger.
 */
@Module({
  imports: [JoomOAuthModule],
  // The OAuth route first: JoomV2Controller ends in a catch-all under /api/v2.
  controllers: [JoomOAuthController, JoomV2Controller],
  providers: [JoomV2Store, JoomRateLimiter, JoomV2Simulator],
  exports: [JoomV2Simulator],
})
export class JoomV2Module {}
