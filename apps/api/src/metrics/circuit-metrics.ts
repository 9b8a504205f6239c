import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { accountOfQueue } from '@app/queues';
import { CircuitStatusReader } from '../health/circuit.status';

/** `joom.eu` → system joom, account eu; a system's own circuit is account main's (docs/api-decisions.md AC-3). */
function labelsOf(circuit: string): { system: string; account: string } {
  const { base, account } = accountOfQueue(circuit);
  return { system: base, account };
}

/**
 * `gateway_circuit_open{system,account}`: 1 while the system's circuit holds its
 * steps (open or half-open), 0 while closed; `gateway_circuit_openings_total{system,account}`:
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
      labelNames: ['system', 'account'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const system of circuits.systems()) {
          const state = await circuits.state(system);
          if (state) this.set(labelsOf(system), state.status === 'closed' ? 0 : 1);
        }
      },
    });
    new Counter({
      name: 'gateway_circuit_openings_total',
      help: "Times the system's circuit opened after consecutive transient failures",
      labelNames: ['system', 'account'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const system of circuits.systems()) {
          const state = await circuits.state(system);
          if (state) this.inc(labelsOf(system), state.openings);
        }
      },
    });
  }
}
