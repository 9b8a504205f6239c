import { Inject, Injectable } from '@nestjs/common';
import { accountsOf, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { MAIN_ACCOUNT } from '@app/queues';
import { ChannelAuthStore, CredentialedSystem, Credentials, credentialsRefused } from '@app/store';

/** What health and metrics show of a channel's OAuth grant; never a token (docs/api-decisions.md OA-6). */
export interface ChannelAuthView {
  mode: 'oauth';
  /** `unknown`: no refresh recorded yet (or Redis did not answer); `refused`: a person must renew the grant. */
  status: 'ok' | 'refused' | 'unknown';
  reason?: string;
  since?: string;
  refreshedAt?: string;
}

/**
 * The OAuth state a worker recorded in Redis, read by the api. Only channels
 * configured with OAuth have one (Joom with the JOOM_CLIENT_ID trio).
 */
@Injectable()
export class ChannelAuthStatus {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly store: ChannelAuthStore,
  ) {}

  /** The systems with credentials configured (the ones a worker calls). */
  enabledSystems(): CredentialedSystem[] {
    return (['joom', 'akinon', 'flexport'] as const).filter((system) => this.config.channels[system]);
  }

  /** Every account of each enabled system, each with credentials of its own (docs/api-decisions.md AC-1); Flexport has one, `main`. */
  credentialedAccounts(): { system: CredentialedSystem; account: string }[] {
    return this.enabledSystems().flatMap((system): { system: CredentialedSystem; account: string }[] =>
      system === 'flexport' ? [{ system, account: MAIN_ACCOUNT }] : accountsOf(this.config, system).map(({ account }) => ({ system, account })),
    );
  }

  /** The channels that refresh tokens, with their account: every Joom store configured with OAuth (docs/api-decisions.md AC-1). */
  oauthChannels(): { channel: 'joom'; account: string }[] {
    return accountsOf(this.config, 'joom')
      .filter((joom) => joom.oauth)
      .map((joom) => ({ channel: 'joom' as const, account: joom.account }));
  }

  /**
   * Since when the system refuses the configured credentials (it answered
   * 401 to a worker's latest calls), or null while it accepts them or
   * nothing was recorded (an unreadable Redis shows in the redis check).
   */
  async refusedSince(system: Credentials): Promise<string | null> {
    try {
      const state = await this.store.readCallAuth(system);
      return credentialsRefused(state) ? state!.refusedAt : null;
    } catch {
      return null;
    }
  }

  async view(channel: 'joom', account: string): Promise<ChannelAuthView> {
    try {
      const state = await this.store.readState(channel, account);
      if (!state) return { mode: 'oauth', status: 'unknown' };
      return {
        mode: 'oauth',
        status: state.status,
        ...(state.reason ? { reason: state.reason } : {}),
        since: state.since,
        ...(state.refreshedAt ? { refreshedAt: state.refreshedAt } : {}),
      };
    } catch {
      return { mode: 'oauth', status: 'unknown', reason: 'auth state not readable (Redis)' };
    }
  }
}
