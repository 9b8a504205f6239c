import { Worker } from 'bullmq';
import { RemoteSystemName } from '@app/queues';
import { StepProcessor } from '../steps/step.processor';
import { ChannelSyncProcessor } from '../sync/channel-sync.processor';

/*
 * The processors of an account other than main (docs/api-decisions.md AC-3):
 * the same code as main's, bound to the account's own queue and BullMQ
 * worker (AccountWorkers builds both; @nestjs/bullmq only knows queues named
 * at compile time). `worker` is the account's own, so a 429's
 * `worker.rateLimit` pauses that account's queue and no other.
 */

export class AccountStepProcessor extends StepProcessor {
  protected system: RemoteSystemName = 'joom';
  protected override account = '';
  private own: Worker | undefined;

  bind(system: RemoteSystemName, account: string, worker: Worker): void {
    this.system = system;
    this.account = account;
    this.own = worker;
  }

  override get worker(): Worker {
    if (!this.own) throw new Error('AccountStepProcessor used before bind()');
    return this.own;
  }

  /** Its worker's concurrency is set when AccountWorkers builds it. */
  override onApplicationBootstrap(): void {}
}

export class AccountSyncProcessor extends ChannelSyncProcessor {
  protected channel: 'joom' | 'akinon' = 'joom';
  protected override account = '';
  private own: Worker | undefined;

  bind(channel: 'joom' | 'akinon', account: string, worker: Worker): void {
    this.channel = channel;
    this.account = account;
    this.own = worker;
  }

  override get worker(): Worker {
    if (!this.own) throw new Error('AccountSyncProcessor used before bind()');
    return this.own;
  }
}
