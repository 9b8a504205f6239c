import { applyDecorators, BadRequestException, Body, Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CancelBody, CommandName, FulfillBody, ModifyTrackingBody, RejectBody } from '@app/queues';
import { Caller } from '../auth/caller.decorator';
import { ApiErrorResponses } from '../http/api-error-responses.decorator';
import { noteCommandJob } from '../http/request-log';
import { OrderIdParams } from '../orders/dto/channel-order.params';
import { CommandAcceptedDto } from './command-accepted.dto';
import { RateLimitedCommand } from './command-rate-limit.guard';
import { CommandBody } from '@app/queues';
import { CommandIntake } from './command-intake.service';
import { ApiFulfillBody } from './fulfill-body.schema';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** `POST /v1/orders/{id}/<path>` (the command's name unless told): 202 with the job, or the refusals every command shares. */
function CommandEndpoint(command: CommandName, summary: string, path: string = command) {
  return applyDecorators(
    Post(path),
    HttpCode(202),
    ApiOperation({ summary }),
    ApiAcceptedResponse({ type: CommandAcceptedDto }),
    ApiErrorResponses(400, 401, 404, 409, 413, 415, 422, 503),
    RateLimitedCommand(),
  );
}

@ApiTags('commands')
@ApiBearerAuth('api-key')
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'The same key (per API key) returns the same job, never a second one; remembered IDEMPOTENCY_TTL_SECONDS (default 7 days), even once its jobs are cleaned away.',
})
@Controller('v1/orders/:id')
export class CommandsController {
  constructor(private readonly intake: CommandIntake) {}

  @CommandEndpoint('fulfill', 'Fulfil an order: with the merchant’s tracking, via Flexport, or online (Joom Logistics)')
  @ApiFulfillBody()
  fulfill(@Param() params: OrderIdParams, @Body() body: FulfillBody, @Headers('idempotency-key') key: string | undefined, @Caller() caller: string, @Req() request: FastifyRequest) {
    return this.submit('fulfill', params.id, body, key, caller, request);
  }

  @CommandEndpoint('cancel', 'Cancel an order (also cancels its Flexport order, if any)')
  cancel(@Param() params: OrderIdParams, @Body() body: CancelBody, @Headers('idempotency-key') key: string | undefined, @Caller() caller: string, @Req() request: FastifyRequest) {
    return this.submit('cancel', params.id, body, key, caller, request);
  }

  @CommandEndpoint('reject', 'Reject an order, or some of its lines (out of stock…)')
  reject(@Param() params: OrderIdParams, @Body() body: RejectBody, @Headers('idempotency-key') key: string | undefined, @Caller() caller: string, @Req() request: FastifyRequest) {
    return this.submit('reject', params.id, body, key, caller, request);
  }

  @CommandEndpoint('modify-tracking', 'Change the carrier or tracking number of an order the merchant shipped (Joom)', 'tracking')
  modifyTracking(@Param() params: OrderIdParams, @Body() body: ModifyTrackingBody, @Headers('idempotency-key') key: string | undefined, @Caller() caller: string, @Req() request: FastifyRequest) {
    return this.submit('modify-tracking', params.id, body, key, caller, request);
  }

  /** The request's id follows the command into every step's history entry and log line (correlationId). */
  private async submit(name: CommandName, orderId: string, body: CommandBody, idempotencyKey: string | undefined, requestedBy: string, request: FastifyRequest) {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new BadRequestException({
        code: 'validation_failed',
        message: 'Idempotency-Key must be 1–200 printable ASCII characters',
        details: { fields: [{ field: 'Idempotency-Key', problems: ['must be 1–200 printable ASCII characters'] }] },
      });
    }
    const accepted = await this.intake.submit({ name, orderId, body, idempotencyKey, requestedBy, correlationId: request.id });
    noteCommandJob(request, accepted.jobId);
    return accepted;
  }
}
