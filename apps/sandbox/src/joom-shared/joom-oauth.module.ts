import { Global, Module } from '@nestjs/common';
import { JoomOAuthAuthority } from './joom-oauth.authority';
import { JoomOAuthControlController } from './joom-oauth.control.controller';

/**
 * The Joom token authority both Joom simulators check calls against, and its
 * control plane. The refresh endpoint itself is registered by JoomV2Module,
 * ahead of the v2 catch-all route. Global so ControlModule's reset reaches it.
 */
@Global()
@Module({
  controllers: [JoomOAuthControlController],
  providers: [JoomOAuthAuthority],
  exports: [JoomOAuthAuthority],
})
export class JoomOAuthModule {}
