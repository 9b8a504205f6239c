import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SandboxModule } from './sandbox.module';
import { loadSandboxConfig } from './core/sandbox-config';

async function bootstrap(): Promise<void> {
  const config = loadSandboxConfig();
  const app = await NestFactory.create(SandboxModule, { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
  console.log(JSON.stringify({ level: 'info', msg: 'sandbox listening', url: `http://127.0.0.1:${config.port}` }));
}

bootstrap().catch((error: Error) => {
  console.error(`sandbox failed to start: ${error.message}`);
  process.exit(1);
});
