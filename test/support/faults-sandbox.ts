import { SandboxHandle } from './sandbox-process';

/** The three simulated APIs the gateway calls in these scenarios (Joom through v3). */
export const GATEWAY_APIS = ['joom-v3', 'akinon', 'flexport'] as const;

/** Fault settings of the sandbox (`PUT /__sandbox/faults/{api}`, see apps/sandbox/README.md). */
export interface FaultSettings {
  errorRate?: number;
  errorStatus?: number;
  rateLimitRate?: number;
  retryAfterSeconds?: number;
  latencyMs?: number;
  hangRate?: number;
  hangAfterRate?: number;
  dropRate?: number;
  seed?: number;
}

/** The same faults on every API the gateway calls (each API keeps its own dice, seeded apart). */
export async function injectEverywhere(sandbox: SandboxHandle, settings: FaultSettings | ((api: string) => FaultSettings)): Promise<void> {
  for (const [i, api] of GATEWAY_APIS.entries()) {
    const forApi = typeof settings === 'function' ? settings(api) : settings;
    await sandbox.control('PUT', `/faults/${api}`, { seed: 1000 + i, ...forApi });
  }
}

export async function liftFaults(sandbox: SandboxHandle): Promise<void> {
  await sandbox.control('DELETE', '/faults');
}

interface LoggedCall {
  api: string | null;
  method: string;
  status: number | null;
  fault: string | null;
}

/** Calls the sandbox received since `since`, and how many of them (and of the writes among them) each kind of fault shaped. */
export async function injectedFaults(sandbox: SandboxHandle, since: Date): Promise<{ calls: number; byKind: Record<string, number>; writesByKind: Record<string, number> }> {
  const { calls } = await sandbox.control<{ calls: LoggedCall[] }>('GET', `/calls?since=${encodeURIComponent(since.toISOString())}`);
  const byKind: Record<string, number> = {};
  const writesByKind: Record<string, number> = {};
  for (const call of calls.filter((c) => c.fault)) {
    byKind[call.fault!] = (byKind[call.fault!] ?? 0) + 1;
    if (call.method !== 'GET') writesByKind[call.fault!] = (writesByKind[call.fault!] ?? 0) + 1;
  }
  return { calls: calls.length, byKind, writesByKind };
}
