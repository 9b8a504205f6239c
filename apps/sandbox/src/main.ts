import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { SandboxModule } from './sandbox.module';
import { loadSandboxConfig } from './core/sandbox-config';

/** The sandbox's own lines, in the gateway's log format (pino JSON); it imports none of the gateway's libraries. */
const log = pino({ base: { service: 'sandbox' } });

async function bootstrap(): Promise<void> {
  // Validate the environment before Nest starts, so a bad value stops the process with its name.
  const config = loadSandboxConfig();
  const host = process.env.HOST || '127.0.0.1';
  const app = await NestFactory.create(SandboxModule, { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  await app.listen(config.port, host);
  log.info({ url: `http://${host}:${config.port}` }, 'sandbox listening');
}

bootstrap().catch((error: Error) => {
  pino({ base: { service: 'sandbox' } }, pino.destination({ fd: 2, sync: true })).fatal(`sandbox failed to start: ${error.message}`);
  process.exit(1);
});
