import { Inject, Injectable } from '@nestjs/common';
import { accountConfig, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { circuitOf, extraAccounts, MAIN_ACCOUNT } from '@app/queues';
import { CircuitState, CircuitStatus, CircuitStore, CircuitSystem } from '@app/store';

/** What `/health/ready` shows of a system's circuit (CircuitBreaker, in the worker): never a secret, only a status or a transport code. */
export interface CircuitView {
  /** `unknown`: Redis did not answer (the redis check says why). */
  state: CircuitStatus | 'unknown';
  /** Since when the system's steps are held (open or half-open). */
  since?: string;
  reason?: string;
  /** While open: when one step will probe the system. */
  retryAt?: string;
}

const SYSTEMS = ['joom', 'akinon', 'flexport'] as const;

/** The circuits the workers record in Redis, read by the api for readiness and metrics. */
@Injectable()
export class CircuitStatusReader {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly store: CircuitStore,
  ) {}

  /** The systems that have a step queue in this configuration (the enabled ones), then each other account's own circuit (`joom.<account>`, docs/api-decisions.md AC-3). */
  systems(): CircuitSystem[] {
    const main = SYSTEMS.filter((system) => (system === 'flexport' ? Boolean(this.config.channels.flexport) : accountConfig(this.config, system, MAIN_ACCOUNT) !== null));
    return [...main, ...extraAccounts(this.config).map(({ channel, account }) => circuitOf(channel, account))];
  }

  /** The state as stored, or null when Redis does not answer. */
  async state(system: CircuitSystem): Promise<CircuitState | null> {
    try {
      return (await this.store.read(system)).state;
    } catch {
      return null;
    }
  }

  async view(system: CircuitSystem): Promise<CircuitView> {
    const state = await this.state(system);
    if (!state) return { state: 'unknown' };
    if (state.status === 'closed') return { state: 'closed' };
    return {
      state: state.status,
      ...(state.since !== null ? { since: new Date(state.since).toISOString() } : {}),
      ...(state.reason ? { reason: state.reason } : {}),
      ...(state.retryAt !== null ? { retryAt: new Date(state.retryAt).toISOString() } : {}),
    };
  }
}
