import { arrayMaxSize, arrayNotEmpty, isArray, isIn, isString, length, matches, maxLength } from 'class-validator';
import { textProblem } from '@app/common';
import { CHANNELS, FLEXPORT_SHIP_METHODS } from '@app/orders';
import { CANCEL_REASONS, FULFILL_MODES, TRACKING_NUMBER } from './command-payloads';
import { CommandName } from './queue-names';

/*
 * The rules of the command body classes (command-payloads.ts) and of the job
 * classes (command-jobs.ts: a body plus the target fields), written out as plain checks with class-validator's
 * own rule functions. validateSync walks the classes' metadata and
 * class-transformer copies the payload first: on the worker that was ~6 % of
 * its CPU per command, for a payload that nearly always passes. Only a pass
 * is taken from here (parseCommandJob, and the api's validation pipe for a
 * REST body, then skip both); anything else goes through validateSync, so
 * every refusal and its wording stay the DTO's.
 * command-job-rules.spec.ts holds these checks to validateSync's answer.
 */

type Payload = Record<string, unknown>;

/** A gateway order id (`ord_` + 24 hex), as a target's `orderId`. */
export const GATEWAY_ORDER_ID = /^ord_[0-9a-f]{24}$/;

const singleLine = (value: string) => textProblem(value, 'single-line') === null;
const freeText = (value: string) => textProblem(value, 'free') === null;

/** @IsString @Length(min, max) @IsSingleLineText */
const singleLineText = (value: unknown, min: number, max: number) => isString(value) && length(value, min, max) && singleLine(value);
/** @IsOptional (null or absent skip every other rule) */
const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || value === null || check(value);
/** @IsOptional @IsString @MaxLength(500) @IsFreeText */
const noteOk = (value: unknown) => optional(value, (note) => isString(note) && maxLength(note, 500) && freeText(note));
const carrierOk = (value: unknown) => singleLineText(value, 1, 64);
const trackingNumberOk = (value: unknown) => isString(value) && matches(value, TRACKING_NUMBER);

const TARGET_FIELDS = ['orderId', 'channel', 'externalId', 'account', 'idempotencyKey', 'requestedBy'];
const BODY_FIELDS: Record<CommandName, readonly string[]> = {
  fulfill: ['mode', 'carrier', 'trackingNumber', 'shipMethod', 'note'],
  cancel: ['reason', 'note'],
  reject: ['reason', 'lineIds', 'note'],
  'modify-tracking': ['carrier', 'trackingNumber'],
};
const fieldSets = (withTargets: boolean): Record<CommandName, ReadonlySet<string>> => {
  const set = (name: CommandName) => new Set([...(withTargets ? TARGET_FIELDS : []), ...BODY_FIELDS[name]]);
  return { fulfill: set('fulfill'), cancel: set('cancel'), reject: set('reject'), 'modify-tracking': set('modify-tracking') };
};
const JOB_FIELDS = fieldSets(true);
const REST_BODY_FIELDS = fieldSets(false);

const BODY_RULES: Record<CommandName, (payload: Payload) => boolean> = {
  fulfill: fulfillOk,
  cancel: (payload) => isIn(payload.reason, CANCEL_REASONS) && noteOk(payload.note),
  reject: (payload) => isIn(payload.reason, CANCEL_REASONS) && lineIdsOk(payload.lineIds) && noteOk(payload.note),
  'modify-tracking': (payload) => carrierOk(payload.carrier) && trackingNumberOk(payload.trackingNumber),
};

/** Whether `payload` passes every rule of command `name`'s job class, unknown fields included (forbidNonWhitelisted). */
export function passesCommandJobRules(name: CommandName, payload: Payload): boolean {
  return onlyFields(payload, JOB_FIELDS[name]) && targetOk(payload) && BODY_RULES[name](payload);
}

/** Whether a REST request body passes every rule of command `name`'s body class (FulfillBody…), as the api's validation pipe runs it. */
export function passesCommandBodyRules(name: CommandName, body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  return onlyFields(body as Payload, REST_BODY_FIELDS[name]) && BODY_RULES[name](body as Payload);
}

function onlyFields(payload: Payload, fields: ReadonlySet<string>): boolean {
  for (const field of Object.keys(payload)) if (!fields.has(field)) return false;
  return true;
}

/** WithTarget: `orderId`, or `channel` + `externalId` (checked whole whenever sent), and the optional account, key and caller. */
function targetOk({ orderId, channel, externalId, account, idempotencyKey, requestedBy }: Payload): boolean {
  if ((channel === undefined || orderId !== undefined) && !(isString(orderId) && matches(orderId, GATEWAY_ORDER_ID))) return false;
  if ((orderId === undefined || channel !== undefined || externalId !== undefined) && !(isIn(channel, CHANNELS) && singleLineText(externalId, 1, 200))) return false;
  return (
    optional(account, (value) => singleLineText(value, 1, 100)) && optional(idempotencyKey, (value) => singleLineText(value, 1, 200)) && optional(requestedBy, (value) => singleLineText(value, 1, 200))
  );
}

/** FulfillBody: a known mode; its own fields checked (carrier and tracking number required for `tracking`), another mode's refused (OnlyForMode). */
function fulfillOk(payload: Payload): boolean {
  const mode = payload.mode;
  if (!isIn(mode, FULFILL_MODES)) return false;
  const modeField = (field: string, fieldMode: string, required: boolean, check: (value: unknown) => boolean) => {
    const value = payload[field];
    const validated = value !== undefined || (required && mode === fieldMode);
    return !validated || ((value === undefined || mode === fieldMode) && check(value));
  };
  return (
    modeField('carrier', 'tracking', true, carrierOk) &&
    modeField('trackingNumber', 'tracking', true, trackingNumberOk) &&
    modeField('shipMethod', 'flexport', false, (value) => isIn(value, FLEXPORT_SHIP_METHODS)) &&
    noteOk(payload.note)
  );
}

/** RejectBody.lineIds: absent, or 1–200 single-line ids of 1–200 characters (null is refused). */
function lineIdsOk(value: unknown): boolean {
  if (value === undefined) return true;
  return isArray(value) && arrayNotEmpty(value) && arrayMaxSize(value, 200) && value.every((id) => singleLineText(id, 1, 200));
}
