import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { CircuitStatusReader } from './circuit.status';

/**
 * Each enabled system's circuit (`closed`, `open` or `half-open`, since when
 * and why), as the workers recorded it. Always up: an open circuit means a
 * marketplace is down and its commands wait in the queue, not that the api
 * is — taking the api out of a load balancer would refuse reads and command
 * intake as well. Alerting belongs to `gateway_circuit_open`.
 */
@Injectable()
export class CircuitsHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly circuits: CircuitStatusReader,
  ) {}

  async check(key = 'circuits') {
    const systems = this.circuits.systems();
    const views = await Promise.all(systems.map((system) => this.circuits.view(system)));
    return this.health.check(key).up(Object.fromEntries(systems.map((system, i) => [system, views[i]])));
  }
}
