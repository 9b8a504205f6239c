import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import { IsIn } from 'class-validator';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { Channel, CHANNELS, DomainError } from '@app/orders';
import { CHANNEL_SYNC_JOB, FLEXPORT_POLL_JOB, SYNC_JOB_RETENTION, SYNC_QUEUES } from '@app/queues';
import { redisCall } from '@app/store';
import { RateLimitedCommand } from '../commands/command-rate-limit.guard';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { NoBodyFields } from '../http/no-body.pipe';

class SyncParams {
  @ApiProperty({ enum: CHANNELS, example: 'joom' })
  @IsIn(CHANNELS)
  channel: Channel;
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
  async sync(@Param() { channel }: SyncParams, @Body(NoBodyFields) _body?: undefined) {
    if (!this.config.channels[channel]) throw new ChannelDisabledError(`${channel} is not configured (no credentials)`, { channel });
    const name = channel === 'flexport' ? FLEXPORT_POLL_JOB : CHANNEL_SYNC_JOB;
    const queue = this.queues[channel];
    return redisCall(async () => {
      // A request joins a sync that is still waiting; one already running may have read past the change, so it gets a new run.
      const [waiting] = await queue.getJobs(['waiting', 'prioritized'], 0, 0);
      const job = waiting ?? (await queue.add(name, { requestedAt: new Date().toISOString() }, SYNC_JOB_RETENTION));
      return { channel, jobId: job.id };
    });
  }
}
