import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { loadSandboxConfig, SANDBOX_CONFIG, SandboxConfig } from '../core/sandbox-config';
import { SandboxCoreModule } from '../core/sandbox-core.module';
import { SideEffectLedger } from '../core/side-effect-ledger';
import { JoomV3Module } from './joom-v3.module';
import { JoomV3Simulator } from './joom-v3.simulator';

/** A booted v3 simulator for specs: HTTP via supertest, plus the simulator and ledger behind it. */
export interface JoomV3TestApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  simulator: JoomV3Simulator;
  ledger: SideEffectLedger;
  config: SandboxConfig;
  /** Effective side effects of one kind recorded for one order. */
  effects: (orderId: string, kind: string) => number;
}

export async function createJoomV3TestApp(overrides: Partial<SandboxConfig> = {}): Promise<JoomV3TestApp> {
  const config: SandboxConfig = { ...loadSandboxConfig({}), seedCount: 40, seed: 7, ...overrides };
  const moduleRef = await Test.createTestingModule({ imports: [SandboxCoreModule, JoomV3Module] })
    .overrideProvider(SANDBOX_CONFIG)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  const ledger = app.get(SideEffectLedger);
  return {
    app,
    http: () => request(app.getHttpServer()),
    simulator: app.get(JoomV3Simulator),
    ledger,
    config,
    effects: (orderId, kind) => ledger.list({ api: 'joom-v3', orderRef: orderId }).find((row) => row.kind === kind)?.count ?? 0,
  };
}
