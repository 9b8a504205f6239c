import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, validateSync, ValidateIf } from 'class-validator';
import { describeProblems, fieldProblems, IsSingleLineText, isTraceparent, payloadShapeProblems } from '@app/common';
import { Channel, CHANNELS, DomainError } from '@app/orders';
import { GATEWAY_ORDER_ID, passesCommandJobRules } from './command-job-rules';
import { CancelBody, FulfillBody, ModifyTrackingBody, RejectBody } from './command-payloads';
import { COMMAND_NAMES, CommandName } from './queue-names';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript requires a mixin's base constructor to take `...args: any[]`
type Constructor<T = object> = new (...args: any[]) => T;

/**
 * `channel` + `externalId` are one target: required without an `orderId`,
 * and checked whole when sent beside one (that they then name the same
 * order is checked against the order: assertCommandApplicable).
 */
const channelTargetChecked = (job: { orderId?: unknown; channel?: unknown; externalId?: unknown }) => job.orderId === undefined || job.channel !== undefined || job.externalId !== undefined;

/**
 * Adds what a queued command needs besides its body: which order (the
 * gateway id, or the channel's own id), an optional idempotency key and who
 * asked. The same fields whether the job came from REST or another service.
 */
function WithTarget<TBase extends Constructor>(Base: TBase) {
  class Targeted extends Base {
    @ValidateIf((job: Targeted) => job.channel === undefined || job.orderId !== undefined)
    @IsString()
    @Matches(GATEWAY_ORDER_ID, { message: 'orderId must be a gateway order id (ord_…)' })
    orderId?: string;

    @ValidateIf(channelTargetChecked)
    @IsIn(CHANNELS)
    channel?: Channel;

    @ValidateIf(channelTargetChecked)
    @IsString()
    @Length(1, 200)
    @IsSingleLineText()
    externalId?: string;

    @IsOptional()
    @IsString()
    @Length(1, 100)
    @IsSingleLineText()
    account?: string;

    @IsOptional()
    @IsString()
    @Length(1, 200)
    @IsSingleLineText()
    idempotencyKey?: string;

    @IsOptional()
    @IsString()
    @Length(1, 200)
    @IsSingleLineText()
    requestedBy?: string;
  }
  return Targeted;
}

export class FulfillJobData extends WithTarget(FulfillBody) {}
export class CancelJobData extends WithTarget(CancelBody) {}
export class RejectJobData extends WithTarget(RejectBody) {}
export class ModifyTrackingJobData extends WithTarget(ModifyTrackingBody) {}

/** Every command job, by name: a handler gets exactly its own payload type. */
export type CommandJob =
  { name: 'fulfill'; data: FulfillJobData } | { name: 'cancel'; data: CancelJobData } | { name: 'reject'; data: RejectJobData } | { name: 'modify-tracking'; data: ModifyTrackingJobData };

const JOB_CLASSES: Record<CommandName, Constructor> = {
  fulfill: FulfillJobData,
  cancel: CancelJobData,
  reject: RejectJobData,
  'modify-tracking': ModifyTrackingJobData,
};

/** A job whose name or payload is not a valid command; it fails at once and changes nothing. */
export class InvalidCommandJobError extends DomainError {
  readonly code = 'invalid_command_job';
}

/**
 * Validates a job from `order-commands` with the same rules as the REST
 * bodies: unknown names and unknown fields are refused, every bad field is
 * named. Returns the typed command.
 */
export function parseCommandJob(name: string, data: unknown): CommandJob {
  // An own-property lookup: `constructor` or `toString` must not find Object's members.
  const type = Object.hasOwn(JOB_CLASSES, name) ? JOB_CLASSES[name as CommandName] : undefined;
  if (!type) {
    const shown = name.length > 100 ? `${name.slice(0, 100)}…` : name;
    throw new InvalidCommandJobError(`unknown job name ${JSON.stringify(shown)}; expected one of ${COMMAND_NAMES.join(', ')}`, { name: shown });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const got = data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`;
    throw new InvalidCommandJobError(`job data must be a JSON object, not ${got}`, { name });
  }
  // Before class-transformer sees it: it silently drops `__proto__` / `constructor` and recurses without a depth limit.
  const shape = payloadShapeProblems(data);
  if (shape.length > 0) throw new InvalidCommandJobError(`invalid ${name} job: ${describeProblems(shape)}`, { fields: shape });
  // Internal bookkeeping fields the producer adds are not part of the payload; nor is a producer's W3C trace context (README *Tracing*), which the job's span continues.
  const { bodyHash: _bodyHash, traceparent, ...payload } = data as Record<string, unknown>;
  if (traceparent !== undefined && !isTraceparent(traceparent)) {
    const fields = [{ field: 'traceparent', problems: ['traceparent must be a W3C traceparent: 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>'] }];
    throw new InvalidCommandJobError(`invalid ${name} job: ${describeProblems(fields)}`, { fields });
  }
  // The rules written out (command-job-rules.ts) accept what the class would; a refusal is always validateSync's, worded by the DTO.
  if (passesCommandJobRules(name as CommandName, payload)) return { name, data: Object.assign(new type(), copied(payload)) } as unknown as CommandJob;
  const instance = plainToInstance(type, payload);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const fields = fieldProblems(errors);
    throw new InvalidCommandJobError(`invalid ${name} job: ${describeProblems(fields)}`, { fields });
  }
  return { name, data: instance } as CommandJob;
}

/** What plainToInstance would assign to the job class's instance for a payload that passes: strings as they are, arrays copied. */
function copied(payload: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const field of Object.keys(payload)) copy[field] = Array.isArray(payload[field]) ? [...(payload[field] as unknown[])] : payload[field];
  return copy;
}
