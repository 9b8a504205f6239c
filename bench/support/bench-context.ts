import { BenchConfig } from '../bench-config';
import { FigureRow } from './figure-row';
import { GatewayStack } from './gateway-stack';
import { GatewayStore } from './gateway-store';
import { SandboxControl } from './sandbox-control';

/** What every figure gets: the running gateway, its store, the sandbox control plane, and a progress log. */
export interface BenchContext {
  config: BenchConfig;
  stack: GatewayStack;
  store: GatewayStore;
  sandbox: SandboxControl;
  /** The processes whose CPU a round records: worker, api, sandbox, redis (when local), harness (runs the in-process baselines). */
  pids(): Record<string, number>;
  log(line: string): void;
}

export type Figure = (context: BenchContext) => Promise<FigureRow[]>;

/** Polls `check` every `everyMs` until it answers true; `what` names the wait in the timeout error. */
export async function pollUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
