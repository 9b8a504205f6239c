import { Injectable } from '@nestjs/common';
import { SandboxApi, Simulator } from './simulator';

/** The simulators that are loaded, by api name. */
@Injectable()
export class SimulatorRegistry {
  private readonly simulators = new Map<SandboxApi, Simulator>();

  register(simulator: Simulator): void {
    if (this.simulators.has(simulator.api)) throw new Error(`simulator ${simulator.api} registered twice`);
    this.simulators.set(simulator.api, simulator);
  }

  get(api: SandboxApi): Simulator | undefined {
    return this.simulators.get(api);
  }

  all(): Simulator[] {
    return [...this.simulators.values()];
  }
}
