import { Module } from '@nestjs/common';
import { ConfigModule, GatewayConfig } from '@app/config';
import { GatewayLoggerModule } from '@app/common';
import { StoreModule } from '@app/store';
import { ChannelReport } from './channel-report';

/** The worker process: BullMQ processors only (commands and sync loops arrive with their issues). */
export class WorkerModule {
  static forRoot(config: GatewayConfig) {
    @Module({
      imports: [ConfigModule.forRoot(config), GatewayLoggerModule.forRoot({ level: config.logLevel, service: 'worker' }), StoreModule],
      providers: [ChannelReport],
    })
    class WorkerRootModule {}
    return WorkerRootModule;
  }
}
