import './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { bootLogger, exitGracefully, exitOnBootFailure } from '@app/common';
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
  const log = bootLogger('worker');
  exitGracefully(app, (message) => log.info(message));
  await app.init();
  log.info('worker started');
}

// Config errors name the variable and never its value: log just that.
main().catch((error: Error) => exitOnBootFailure('worker', error instanceof ConfigError ? error.message : error));
