import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ACCOUNT_ID, accountsOf, GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { Channel, CHANNELS, DomainError } from '@app/orders';
import { AccountQueues, CHANNEL_SYNC_JOB, FLEXPORT_POLL_JOB, MAIN_ACCOUNT, SYNC_JOB_RETENTION, SYNC_QUEUES } from '@app/queues';
import { redisCall } from '@app/store';
import { RateLimitedCommand } from '../commands/command-rate-limit.guard';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { NoBodyFields } from '../http/no-body.pipe';

class SyncParams {
  @ApiProperty({ enum: CHANNELS, example: 'joom' })
  @IsIn(CHANNELS)
  channel: Channel;
}

class SyncQuery {
  @ApiPropertyOptional({ description: 'Only this account of the channel (docs/api-decisions.md AC-3); absent: every configured account.' })
  @IsOptional()
  @Matches(ACCOUNT_ID, { message: `account must match ${ACCOUNT_ID.source}` })
  account?: string;
}

export class ChannelDisabledError extends DomainError {
  readonly code = 'channel_disabled';
}

@ApiTags('sync')
@ApiBearerAuth('api-key')
@Controller('v1/channels')
export class SyncController {
  private readonly queues: Record<Channel, Queue>;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @InjectQueue(SYNC_QUEUES.joom) joom: Queue,
    @InjectQueue(SYNC_QUEUES.akinon) akinon: Queue,
    @InjectQueue(SYNC_QUEUES.flexport) flexport: Queue,
    private readonly accounts: AccountQueues,
  ) {
    this.queues = { joom, akinon, flexport };
  }

  @Post(':channel/sync')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Poll a channel now',
    description:
      'Joom / Akinon: pull orders changed since the stored cursor; flexport: refresh every in-flight Flexport order. ' +
      'A request while a sync is waiting joins it; syncs of one channel never run concurrently.',
  })
  @ApiAcceptedResponse({ schema: { example: { channel: 'joom', jobId: '42' } } })
  @ApiErrorResponses(400, 401, 422, 503)
  @RateLimitedCommand()
  async sync(@Param() { channel }: SyncParams, @Query() { account }: SyncQuery, @Body(NoBodyFields) _body?: undefined) {
    if (!this.config.channels[channel]) throw new ChannelDisabledError(`${channel} is not configured (no credentials)`, { channel });
    const name = channel === 'flexport' ? FLEXPORT_POLL_JOB : CHANNEL_SYNC_JOB;
    const accounts = channel === 'flexport' ? [MAIN_ACCOUNT] : accountsOf(this.config, channel).map((entry) => entry.account);
    if (account !== undefined && !accounts.includes(account)) throw new ChannelDisabledError(`${channel} has no account "${account}" (configured: ${accounts.join(', ')})`, { channel, account });
    const chosen = account !== undefined ? [account] : accounts;
    return redisCall(async () => {
      const jobs = await Promise.all(chosen.map(async (id) => ({ account: id, jobId: await this.request(this.queueOf(channel, id), name) })));
      // One account: the answer it always had, plus the account; several: each account's job.
      return jobs.length === 1 ? { channel, ...jobs[0] } : { channel, jobId: jobs[0].jobId, accounts: jobs };
    });
  }

  private queueOf(channel: Channel, account: string): Queue {
    return channel === 'flexport' || account === MAIN_ACCOUNT ? this.queues[channel] : this.accounts.sync(channel, account);
  }

  /** A request joins a sync that is still waiting; one already running may have read past the change, so it gets a new run. */
  private async request(queue: Queue, name: string): Promise<string | undefined> {
    const [waiting] = await queue.getJobs(['waiting', 'prioritized'], 0, 0);
    const job = waiting ?? (await queue.add(name, { requestedAt: new Date().toISOString() }, SYNC_JOB_RETENTION));
    return job.id;
  }
}
