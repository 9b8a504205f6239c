import { Module } from '@nestjs/common';
import { JoomOAuthModule } from '../joom-shared/joom-oauth.module';
import { JoomV3Controller } from './joom-v3.controller';
import { JoomV3Fulfillment } from './joom-v3.fulfillment';
import { JoomV3RateLimiter } from './joom-v3.rate-limiter';
import { JoomV3Simulator } from './joom-v3.simulator';
import { JoomV3Store } from './joom-v3.store';

/**
 * Joom API v3 order simulator (`/api/v3/…`), its own store separate from v2.
 * Needs `SandboxCoreModule` (global) for config, registry and ledger.
 */
@Module({
  imports: [JoomOAuthModule],
  controllers: [JoomV3Controller],
  providers: [JoomV3Store, JoomV3Fulfillment, JoomV3RateLimiter, JoomV3Simulator],
  exports: [JoomV3Simulator],
})
export class JoomV3Module {}
