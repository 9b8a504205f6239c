import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { inSpan } from '@app/common';
import { GATEWAY_CONFIG, GatewayConfig } from '@app/config';
import { CommandBody, CommandName, CommandRouter, idempotentJobId } from '@app/queues';
import { redisCall } from '@app/store';
import { JoomCarrierCheck } from './joom-carrier-check';

export interface CommandRequest {
  name: CommandName;
  orderId: string;
  body: CommandBody;
  idempotencyKey?: string;
  /** Who asked (derived from the API key), recorded in the order history. */
  requestedBy: string;
  /** The REST request's id, which every step of the command carries into history and logs. */
  correlationId?: string;
}

/**
 * Accepts a command over REST: CommandRouter refuses at once what the order
 * or the channel forbids (409 / 422) and adds the first step straight to the
 * queue of the system it calls, one job per call. With an Idempotency-Key the
 * chain is named by the key and the key is recorded (IdempotencyRecords), so a
 * replay answers with the same job, even once that job has been cleaned away.
 */
@Injectable()
export class CommandIntake {
  private readonly carriers: JoomCarrierCheck;

  constructor(
    private readonly router: CommandRouter,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.carriers = new JoomCarrierCheck(config);
  }

  /** With tracing on, one `command.intake` span: the order's read, the plan, the lease and the first step's add. */
  submit(request: CommandRequest): Promise<{ jobId: string; orderId: string; command: CommandName }> {
    return inSpan('command.intake', { attributes: { 'gateway.command': request.name, 'gateway.order_id': request.orderId } }, () => this.accept(request));
  }

  private async accept(request: CommandRequest): Promise<{ jobId: string; orderId: string; command: CommandName }> {
    const keyed = request.idempotencyKey !== undefined;
    const chainId = keyed ? idempotentJobId(request.requestedBy, request.idempotencyKey!) : `cmd-${randomUUID()}`;
    const check = (order: Parameters<JoomCarrierCheck['assertKnown']>[0]) => this.carriers.assertKnown(order, request.name, request.body);
    const routed = await redisCall(() =>
      this.router.route(
        { name: request.name, orderId: request.orderId, body: request.body, requestedBy: request.requestedBy, correlationId: request.correlationId, chainId, mayExist: keyed, idempotent: keyed },
        check,
      ),
    );
    return { jobId: routed.jobId, orderId: request.orderId, command: request.name };
  }
}
