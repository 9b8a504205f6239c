import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { GATEWAY_CONFIG, GatewayConfig, profileFor } from '@app/config';
import {
  assertCommandApplicable,
  COMMAND_JOB_OPTIONS,
  CommandBody,
  commandFingerprint,
  CommandName,
  idempotentJobId,
  ORDER_COMMANDS_QUEUE,
} from '@app/queues';
import { OrderRepository, redisCall } from '@app/store';

import { IdempotencyKeyReusedError } from './command-errors';
import { JoomCarrierCheck } from './joom-carrier-check';

export type { CommandBody };

export interface CommandRequest {
  name: CommandName;
  orderId: string;
  body: CommandBody;
  idempotencyKey?: string;
  /** Who asked (derived from the API key), recorded in the order history. */
  requestedBy: string;
}

/**
 * Accepts a command over REST: refuses at once what the state machine or the
 * channel already forbids (409 / 422), then adds it to the public
 * `order-commands` queue — the same path other services use. The worker
 * checks again when the job runs.
 */
@Injectable()
export class CommandIntake {
  private readonly carriers: JoomCarrierCheck;

  constructor(
    @InjectQueue(ORDER_COMMANDS_QUEUE) private readonly queue: Queue,
    private readonly orders: OrderRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.carriers = new JoomCarrierCheck(config);
  }

  async submit(request: CommandRequest): Promise<{ jobId: string; orderId: string; command: CommandName }> {
    const fingerprint = commandFingerprint(request.name, { orderId: request.orderId, ...request.body });
    const jobId = request.idempotencyKey ? idempotentJobId(request.requestedBy, request.idempotencyKey) : undefined;
    // A replay is answered from the job it names, before any state check: the command may have run already.
    if (jobId) {
      const existing = await this.storedFingerprint(jobId);
      if (existing === fingerprint) return { jobId, orderId: request.orderId, command: request.name };
      if (existing !== null) throw new IdempotencyKeyReusedError(jobId);
    }

    const order = await this.orders.getOrThrow(request.orderId);
    assertCommandApplicable(order, profileFor(order.channel, this.config), request.name, request.body);
    this.carriers.assertKnown(order, request.name, request.body);

    const data = { ...request.body, orderId: order.id, requestedBy: request.requestedBy, idempotencyKey: request.idempotencyKey, bodyHash: fingerprint };
    const added = await redisCall(() => this.queue.add(request.name, data, { ...COMMAND_JOB_OPTIONS, jobId }));
    // Two requests with one key racing past the lookup: BullMQ kept the first job; its body decides.
    if (jobId && (await this.storedFingerprint(jobId)) !== fingerprint) throw new IdempotencyKeyReusedError(jobId);
    return { jobId: added.id!, orderId: order.id, command: request.name };
  }

  private async storedFingerprint(jobId: string): Promise<string | null> {
    const job = await redisCall(() => Job.fromId(this.queue, jobId));
    return job ? ((job.data?.bodyHash as string | undefined) ?? '') : null;
  }
}
