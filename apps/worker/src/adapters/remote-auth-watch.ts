import { Injectable, Logger } from '@nestjs/common';
import { RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { circuitOf, MAIN_ACCOUNT } from '@app/queues';
import { ChannelAuthStore, CredentialedSystem, Credentials } from '@app/store';

/** A busy queue records an accepted call at most this often: a write per step would be most of its Redis traffic. */
const ACCEPTED_WRITE_EVERY_MS = 1_000;

/** Each system's variable holding the credentials a 401 refuses. */
const CREDENTIAL: Record<CredentialedSystem, string> = {
  joom: 'JOOM_ACCESS_TOKEN (or the OAuth grant)',
  akinon: 'AKINON_API_TOKEN',
  flexport: 'FLEXPORT_API_TOKEN',
};

/**
 * Notes in Redis whether each system still accepts the configured
 * credentials, for `/health/ready`: a 401 from any call records the time,
 * a later finished job or sync of that system records an accepted call.
 * The first 401 after an accepted call (as this process saw them) is logged
 * as a warning. Recording never delays or fails a job: a lost write is only logged.
 */
@Injectable()
export class RemoteAuthWatch {
  private readonly logger = new Logger(RemoteAuthWatch.name);
  private readonly refusedHere = new Set<Credentials>();
  private readonly acceptedWrittenAt = new Map<Credentials, number>();

  constructor(private readonly store: ChannelAuthStore) {}

  /**
   * A job or sync failed with `error`: records it when the system answered
   * 401, against the credentials of `account` (each store its own, docs/api-decisions.md AC-3).
   */
  async failed(error: unknown, account: string = MAIN_ACCOUNT): Promise<void> {
    const refusing = refusingSystem(error);
    if (!refusing) return;
    const system = circuitOf(refusing, account);
    if (!this.refusedHere.has(system)) {
      this.refusedHere.add(system);
      const credentials = account === MAIN_ACCOUNT ? CREDENTIAL[refusing] : `ACCOUNTS_FILE ${refusing} account "${account}"`;
      this.logger.warn(`${system} answered 401: it refuses the configured credentials (${credentials}); its commands fail until they are fixed`);
    }
    this.acceptedWrittenAt.delete(system);
    await this.store.recordCallRefused(system, new Date()).catch((cause: Error) => this.logger.warn(`401 from ${system} not recorded: ${cause.message}`));
  }

  /** A job or sync of `system` (for `account`) went through. */
  async succeeded(base: CredentialedSystem, account: string = MAIN_ACCOUNT): Promise<void> {
    const system = circuitOf(base, account);
    const now = Date.now();
    if (now - (this.acceptedWrittenAt.get(system) ?? 0) < ACCEPTED_WRITE_EVERY_MS) return;
    this.acceptedWrittenAt.set(system, now);
    if (this.refusedHere.delete(system)) this.logger.log(`${system} accepts the configured credentials again`);
    await this.store.recordCallAccepted(system, new Date(now)).catch((cause: Error) => this.logger.warn(`accepted call of ${system} not recorded: ${cause.message}`));
  }
}

/** The system that answered 401 (a refusal, or Joom's 401 right after a renewal), else null. */
function refusingSystem(error: unknown): CredentialedSystem | null {
  if (!(error instanceof RemoteRefusedError || error instanceof RemoteTransientError)) return null;
  return error.httpStatus === 401 ? error.system : null;
}
