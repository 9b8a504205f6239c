import { CircuitState, CircuitStore, CircuitSystem, CLOSED_CIRCUIT, VersionedCircuit } from '@app/store';

/** CircuitStore's contract in memory (compare-and-set on a version, probe lock with an expiry), for unit specs. */
export class MemoryCircuitStore {
  readonly states = new Map<CircuitSystem, VersionedCircuit>();
  readonly probes = new Map<CircuitSystem, { token: string; until: number }>();

  async read(system: CircuitSystem): Promise<VersionedCircuit> {
    return this.states.get(system) ?? { state: CLOSED_CIRCUIT, version: '0' };
  }

  async write(system: CircuitSystem, version: string, state: CircuitState): Promise<boolean> {
    if ((await this.read(system)).version !== version) return false;
    this.states.set(system, { state, version: String(Number(version) + 1) });
    return true;
  }

  async takeProbe(system: CircuitSystem, token: string, ttlMs: number): Promise<boolean> {
    const held = this.probes.get(system);
    if (held && held.until > Date.now()) return false;
    this.probes.set(system, { token, until: Date.now() + ttlMs });
    return true;
  }

  async releaseProbe(system: CircuitSystem, token: string): Promise<void> {
    if (this.probes.get(system)?.token === token) this.probes.delete(system);
  }

  asStore(): CircuitStore {
    return this as unknown as CircuitStore;
  }
}
