import { accountFor, GatewayConfig } from '@app/config';
import { CommandJob, CommandRequest, idempotentJobId, InvalidCommandJobError } from '@app/queues';
import { orderIdFor } from '@app/store';

const TARGET_FIELDS = ['orderId', 'channel', 'externalId', 'account', 'idempotencyKey', 'requestedBy'];

/**
 * A validated command job as CommandRouter takes it: the order it names, the
 * body without the target fields, and its chain — named by its idempotency
 * key when it has one (whatever job carries it), else by `ownChainId`.
 */
export function commandRequest(command: CommandJob, job: { queueName: string; id?: string }, ownChainId: string, attemptsStarted: number, config: GatewayConfig): CommandRequest {
  const { orderId, channel, externalId, account, idempotencyKey, requestedBy = 'queue' } = command.data;
  const namedAccount = channel !== undefined ? accountFor(channel, config, account) : undefined;
  const named = channel !== undefined && externalId !== undefined ? orderIdFor(channel, namedAccount!, externalId) : undefined;
  // Named twice, by `orderId` and by the channel's id: acting on either would be a guess when they differ.
  if (orderId !== undefined && named !== undefined && named !== orderId) {
    throw new InvalidCommandJobError(
      `orderId ${orderId} is not the order channel ${channel}, externalId ${externalId}, account ${namedAccount} names: send one target, or two that name the same order`,
      {
        fields: [{ field: 'orderId', problems: [`orderId names another order than channel ${channel}, externalId ${externalId}`] }],
      },
    );
  }
  return {
    name: command.name,
    orderId: orderId ?? named!,
    body: Object.fromEntries(Object.entries(command.data).filter(([key]) => !TARGET_FIELDS.includes(key))) as CommandJob['data'],
    requestedBy,
    // Within what parseStepJob accepts, however long a producer made its job id.
    correlationId: `${job.queueName}/${job.id}`.slice(0, 450),
    chainId: idempotencyKey ? idempotentJobId(requestedBy, idempotencyKey) : ownChainId,
    // A keyed chain may have been started by another job; a job's own, if it ran before a crash.
    mayExist: Boolean(idempotencyKey) || attemptsStarted > 1,
    idempotent: Boolean(idempotencyKey),
  };
}
