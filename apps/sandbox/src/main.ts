import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SandboxModule } from './sandbox.module';
import { loadSandboxConfig } from './core/sandbox-config';

async function bootstrap(): Promise<void> {
  // Validate the environment before Nest starts, so a bad value stops the process with its name.
  const config = loadSandboxConfig();
  const host = process.env.HOST || '127.0.0.1';
  const app = await NestFactory.create(SandboxModule, { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  await app.listen(config.port, host);
  console.log(JSON.stringify({ level: 'info', msg: 'sandbox listening', url: `http://${host}:${config.port}` }));
}

bootstrap().catch((error: Error) => {
  console.error(`sandbox failed to start: ${error.message}`);
  process.exit(1);
});
