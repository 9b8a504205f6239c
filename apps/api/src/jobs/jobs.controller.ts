import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { IsSingleLineText } from '@app/common';
import { AdminOnly } from '../auth/admin-only.decorator';
import { RateLimitedCommand } from '../commands/command-rate-limit.guard';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { NoBodyFields } from '../http/no-body.pipe';
import { JobListDto, JobViewDto } from './job-view.dto';
import { JobsService } from './jobs.service';

class JobIdParams {
  @ApiProperty({ description: "A command's job id (the 202's `jobId`), or one of its steps' (the `jobId` on order history entries).", example: 'cmd-3f0c9a52-6d1e-4b7a-9f2e-0c8d5b1a7e44-1' })
  @IsString()
  @Length(1, 200)
  @IsSingleLineText()
  jobId: string;
}

class ListJobsQuery {
  @ApiProperty({ enum: ['failed'], required: true, description: 'Required: only `failed` (dead letters) is listed.', example: 'failed' })
  @IsIn(['failed'])
  state: 'failed';
}

@ApiTags('jobs')
@ApiBearerAuth('api-key')
@Controller('v1/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOperation({ summary: 'Dead letters: commands that failed for good, newest first' })
  @ApiOkResponse({ type: JobListDto })
  @ApiErrorResponses(400, 401, 503)
  async list(@Query() _query: ListJobsQuery): Promise<JobListDto> {
    return { items: await this.jobs.listFailed() };
  }

  @Get(':jobId')
  @ApiOperation({
    summary: 'A command job: queued | active | completed | failed, attempts, result, error',
    description: "By the command's job id, or by one of its steps' (the `jobId` on order history entries): either way, the whole command.",
  })
  @ApiOkResponse({ type: JobViewDto })
  @ApiErrorResponses(400, 401, 404, 503)
  get(@Param() params: JobIdParams): Promise<JobViewDto> {
    return this.jobs.get(params.jobId);
  }

  @Post(':jobId/retry')
  @AdminOnly()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Replay a failed command from its failed step',
    description:
      'Needs an admin key (ADMIN_API_KEYS): a key from API_KEYS alone gets 403 `forbidden`. ' +
      'A dead letter a replay cannot fix answers 409 `job_not_retryable`: a malformed job (`invalid_command_job`), an idempotency key ' +
      'used for another command (`idempotency_key_reused`), or an order that still does not exist (`order_not_found`). Add a corrected job instead.',
  })
  @ApiAcceptedResponse({ type: JobViewDto })
  @ApiErrorResponses(400, 401, 403, 404, 409, 503)
  @RateLimitedCommand()
  retry(@Param() params: JobIdParams, @Body(NoBodyFields) _body?: undefined): Promise<JobViewDto> {
    return this.jobs.retry(params.jobId);
  }
}
