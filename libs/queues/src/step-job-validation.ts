import { FieldProblem, describeProblems, isTraceparent, payloadShapeProblems } from '@app/common';
import { InvalidCommandJobError, parseCommandJob } from './command-jobs';
import { COMMAND_NAMES, CommandName, REMOTE_SYSTEMS } from './queue-names';
import { FOLLOW_UP_STEPS, STEP_NAMES, StepJobData, StepName } from './step-jobs';

const ORDER_ID = /^ord_[0-9a-f]{24}$/;
// Any job id a producer could give BullMQ, which step ids extend: printable, bounded.
// eslint-disable-next-line no-control-regex -- the pattern exists to refuse control characters
const CHAIN_ID = /^[^\u0000-\u001f\u007f]{1,400}$/;
const FIELDS = new Set(['chainId', 'command', 'orderId', 'payload', 'requestedBy', 'plan', 'index', 'cause', 'correlationId', 'traceparent']);
// `<queue>/<job id>` of a producer's job: the job id may be as long as a chain id.
// eslint-disable-next-line no-control-regex -- the pattern exists to refuse control characters
const CORRELATION_ID = /^[^\u0000-\u001f\u007f]{1,450}$/;
const FOLLOW_UP_CAUSES = ['sync', 'webhook', 'system'];
const COMMAND_CAUSES = ['command', 'sync'];
const MAX_PLAN = 5;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates a step job when it starts, whoever added it: the step's own
 * fields, and a command step's payload by the very DTO of the REST body (a
 * step job added by hand with a 305-character tracking number fails as the
 * REST call would). Returns the typed data, or throws `invalid_command_job`
 * naming every bad field.
 */
export function parseStepJob(name: string, data: unknown): StepJobData {
  if (!(STEP_NAMES as readonly string[]).includes(name)) throw new InvalidCommandJobError(`unknown step ${JSON.stringify(name.slice(0, 100))}`, { name: name.slice(0, 100) });
  if (!isObject(data)) throw new InvalidCommandJobError(`step job data must be a JSON object`, { name });
  const shape = payloadShapeProblems(data);
  if (shape.length > 0) throw invalid(name, shape);

  const problems: FieldProblem[] = [];
  const problem = (field: string, text: string) => problems.push({ field, problems: [text] });
  for (const field of Object.keys(data)) if (!FIELDS.has(field)) problem(field, `property ${field} should not exist`);
  if (typeof data.chainId !== 'string' || !CHAIN_ID.test(data.chainId)) problem('chainId', 'chainId must be 1–400 characters, no control characters');
  if (typeof data.orderId !== 'string' || !ORDER_ID.test(data.orderId)) problem('orderId', 'orderId must be a gateway order id (ord_…)');
  if (typeof data.requestedBy !== 'string' || data.requestedBy.length < 1 || data.requestedBy.length > 200) problem('requestedBy', 'requestedBy must be a string of 1–200 characters');
  if (data.correlationId !== undefined && (typeof data.correlationId !== 'string' || !CORRELATION_ID.test(data.correlationId))) {
    problem('correlationId', 'correlationId must be 1–450 characters, no control characters');
  }
  if (data.traceparent !== undefined && !isTraceparent(data.traceparent)) problem('traceparent', 'traceparent must be a W3C traceparent: 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>');
  if (FOLLOW_UP_STEPS.includes(name as StepName)) followUpProblems(data, problem);
  else commandStepProblems(name, data, problem, problems);
  if (problems.length > 0) throw invalid(name, problems);
  return data as unknown as StepJobData;
}

function followUpProblems(data: Record<string, unknown>, problem: (field: string, text: string) => void): void {
  if (data.command !== undefined) problem('command', `command should not exist on a follow-up step`);
  if (!FOLLOW_UP_CAUSES.includes(data.cause as string)) problem('cause', `cause must be one of ${FOLLOW_UP_CAUSES.join(', ')}`);
  if (!isObject(data.payload) || Object.keys(data.payload).length > 0) problem('payload', 'payload must be an empty object');
  if (!Array.isArray(data.plan) || data.plan.length > 0) problem('plan', 'plan must be an empty array');
  if (data.index !== 0) problem('index', 'index must be 0');
}

function commandStepProblems(name: string, data: Record<string, unknown>, problem: (field: string, text: string) => void, problems: FieldProblem[]): void {
  if (data.cause !== undefined && !COMMAND_CAUSES.includes(data.cause as string)) problem('cause', `cause must be one of ${COMMAND_CAUSES.join(', ')}`);
  if (!(COMMAND_NAMES as readonly string[]).includes(data.command as string)) return problem('command', `command must be one of ${COMMAND_NAMES.join(', ')}`);
  const plan = data.plan;
  const planValid =
    Array.isArray(plan) &&
    plan.length >= 1 &&
    plan.length <= MAX_PLAN &&
    plan.every(
      (step) =>
        isObject(step) && Object.keys(step).length === 2 && (REMOTE_SYSTEMS as readonly string[]).includes(step.system as string) && (STEP_NAMES as readonly string[]).includes(step.step as string),
    );
  if (!planValid) problem('plan', `plan must be 1–${MAX_PLAN} steps of { system, step }`);
  if (!Number.isInteger(data.index) || (planValid && ((data.index as number) < 0 || (data.index as number) >= (plan as unknown[]).length))) problem('index', 'index must be an integer entry of plan');
  else if (planValid && (plan as { step: string }[])[data.index as number].step !== name) problem('index', `plan[${data.index}] is not ${name}`);
  if (!isObject(data.payload)) return problem('payload', 'payload must be an object');
  const targets = Object.keys(data.payload).filter((field) => ['orderId', 'channel', 'externalId', 'account', 'idempotencyKey', 'requestedBy'].includes(field));
  if (targets.length > 0) return problem('payload', `payload must not carry ${targets.join(', ')}`);
  try {
    parseCommandJob(data.command as CommandName, { ...data.payload, orderId: typeof data.orderId === 'string' && ORDER_ID.test(data.orderId) ? data.orderId : undefined });
  } catch (error) {
    if (!(error instanceof InvalidCommandJobError)) throw error;
    const fields = (error.details as { fields?: FieldProblem[] } | undefined)?.fields ?? [{ field: 'payload', problems: [error.message] }];
    problems.push(...fields.filter((row) => row.field !== 'orderId').map((row) => ({ field: `payload.${row.field}`, problems: row.problems })));
  }
}

function invalid(name: string, fields: FieldProblem[]): InvalidCommandJobError {
  return new InvalidCommandJobError(`invalid ${name} step job: ${describeProblems(fields)}`, { fields });
}
