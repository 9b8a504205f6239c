import { INestApplication, Type } from '@nestjs/common';
import request from 'supertest';
import { SANDBOX_CONFIG, SandboxConfig } from '../sandbox-config';
import { SideEffectKind, SideEffectLedger } from '../side-effect-ledger';
import { Simulator } from '../simulator';
import { createSandboxTestApp } from './sandbox-test-app';

/** One booted simulator for specs: HTTP via supertest, plus the simulator and ledger behind it. */
export interface SimulatorTestApp<S extends Simulator> {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  simulator: S;
  ledger: SideEffectLedger;
  config: SandboxConfig;
  /** Effective side effects of one kind recorded for one order. */
  effects: (orderId: string, kind: SideEffectKind) => number;
}

/**
 * `module` in a sandbox test app, its simulator seeded with `config.seedCount`
 * orders (default 40) from `config.seed` (default 7): specs of one API want
 * material to work on, which createSandboxTestApp deliberately does not give.
 */
export async function createSimulatorTestApp<S extends Simulator>(module: Type, simulatorType: Type<S>, overrides: Partial<SandboxConfig> = {}): Promise<SimulatorTestApp<S>> {
  const app = await createSandboxTestApp([module], { seedCount: 40, seed: 7, ...overrides });
  const config = app.get<SandboxConfig>(SANDBOX_CONFIG);
  const simulator = app.get(simulatorType);
  simulator.seed(config.seedCount, config.seed);
  const ledger = app.get(SideEffectLedger);
  return {
    app,
    http: () => request(app.getHttpServer()),
    simulator,
    ledger,
    config,
    effects: (orderId, kind) => ledger.list({ api: simulator.api, orderRef: orderId }).find((row) => row.kind === kind)?.count ?? 0,
  };
}

/** The error act() threw; the control plane answers with its `status` (ActionError) or 400. */
export function actFailure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected act() to throw');
}
