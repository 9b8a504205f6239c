import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { CircuitStatusReader } from '../health/circuit.status';

/**
 * `gateway_circuit_open{system}`: 1 while the system's circuit holds its
 * steps (open or half-open), 0 while closed; `gateway_circuit_openings_total{system}`:
 * closed → open transitions (a failed probe re-opening it is not a new one).
 * Read from Redis at scrape time, as the workers recorded them; enabled
 * systems only, left out when Redis does not answer.
 */
@Injectable()
export class CircuitMetricSet {
  constructor(registry: Registry, circuits: CircuitStatusReader) {
    new Gauge({
      name: 'gateway_circuit_open',
      help: "1 while the system's circuit is open or half-open (its command steps wait), 0 while closed",
      labelNames: ['system'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const system of circuits.systems()) {
          const state = await circuits.state(system);
          if (state) this.set({ system }, state.status === 'closed' ? 0 : 1);
        }
      },
    });
    new Counter({
      name: 'gateway_circuit_openings_total',
      help: "Times the system's circuit opened after consecutive transient failures",
      labelNames: ['system'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const system of circuits.systems()) {
          const state = await circuits.state(system);
          if (state) this.inc({ system }, state.openings);
        }
      },
    });
  }
}
