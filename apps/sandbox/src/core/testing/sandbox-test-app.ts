import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadSandboxConfig, SandboxConfig } from '../sandbox-config';
import { SandboxCoreModule } from '../sandbox-core.module';

/**
 * A sandbox app for specs: SandboxCoreModule plus the given modules, config
 * from defaults (not the developer's environment) with `overrides`. Nothing is
 * seeded at boot (only SandboxModule does that, and specs do not import it),
 * so a spec seeds exactly what it needs. Drive it with supertest on
 * `app.getHttpServer()`.
 */
export async function createSandboxTestApp(imports: unknown[], overrides: Partial<SandboxConfig> = {}): Promise<INestApplication> {
  const config: SandboxConfig = { ...loadSandboxConfig({}), seedCount: 0, ...overrides };
  const moduleRef = await Test.createTestingModule({ imports: [SandboxCoreModule.forConfig(config), ...(imports as never[])] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}
