import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { exitGracefully } from '@app/common';
import { ConfigError, loadConfig } from '@app/config';
import { validateOrderStateMachine } from '@app/orders';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Refuse to start on a broken transition table rather than misbehave later.
  validateOrderStateMachine();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  exitGracefully(app, (message) => logger.log(message));
  await app.init();
  console.log(JSON.stringify({ level: 'info', service: 'worker', msg: 'worker started' }));
}

main().catch((error: Error) => {
  console.error(error instanceof ConfigError ? error.message : `worker failed to start: ${error.stack ?? error.message}`);
  process.exit(1);
});
