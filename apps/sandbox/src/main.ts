import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { SandboxModule } from './sandbox.module';
import { loadSandboxConfig, storeConfigs } from './core/sandbox-config';

/** The sandbox's own lines, in the gateway's log format (pino JSON); it imports none of the gateway's libraries. */
const log = pino({ base: { service: 'sandbox' } });

async function bootstrap(): Promise<void> {
  // Validate the environment before Nest starts, so a bad value stops the process with its name.
  const config = loadSandboxConfig();
  const host = process.env.HOST || '127.0.0.1';
  // One Nest app per store (SANDBOX_STORES; docs/api-decisions.md AC-6): its own
  // simulators, quotas, tokens, faults and control plane, on its own port.
  const apps: INestApplication[] = [];
  for (const [store, storeConfig] of storeConfigs(config).entries()) {
    const app = await NestFactory.create(SandboxModule.forStore(storeConfig), { logger: ['error', 'warn', 'log'] });
    apps.push(app);
    await app.listen(storeConfig.port, host);
    log.info({ url: `http://${host}:${storeConfig.port}`, store: store + 1, stores: config.stores, seed: storeConfig.seed }, 'sandbox listening');
  }
  // One handler for the process, not Nest's per app: each app's hook would
  // re-raise the signal when its own close ends, killing the others mid-close.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      Promise.all(apps.map((app) => app.close())).then(
        () => process.exit(0),
        (error: Error) => {
          log.error(`sandbox stop failed: ${error.message}`);
          process.exit(1);
        },
      );
    });
  }
}

bootstrap().catch((error: Error) => {
  pino({ base: { service: 'sandbox' } }, pino.destination({ fd: 2, sync: true })).fatal(`sandbox failed to start: ${error.message}`);
  process.exit(1);
});
