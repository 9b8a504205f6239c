import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { load } from 'js-yaml';
import { CHANNELS, ORDER_STATUSES, OrderEvent, TransitionCause } from '@app/orders';
import { ALL_SHARDS, shardTag, storeKeys } from '@app/store';
import { SAVE_ORDERS_LUA } from '@app/store/save-order.script';
import { CancelJobData, FulfillJobData, ModifyTrackingJobData, parseCommandJob, RejectJobData } from './command-jobs';
import { COMMAND_JOB_OPTIONS } from './command-job-options';
import { CANCEL_REASONS, FLEXPORT_SHIP_METHODS, FULFILL_MODES } from './command-payloads';
import { COMMAND_PLANS } from './command-plans';
import { COMMAND_NAMES, CommandName, ORDER_COMMANDS_QUEUE, SYSTEM_QUEUES } from './queue-names';
import { CommandStepData, FollowUpStepData, STEP_NAMES } from './step-jobs';

/*
 * contract/asyncapi.yaml against the code: a queue, job name, payload field,
 * job option or event field added to one and not the other fails here.
 */

type Doc = Record<string, any>;
const doc = load(readFileSync(join(__dirname, '../../../contract/asyncapi.yaml'), 'utf8')) as Doc;

/** Follows a local `$ref` (`#/components/...`); anything else is returned as it is. */
function deref(node: Doc): Doc {
  if (typeof node?.$ref !== 'string') return node;
  const target = node.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((at: Doc | undefined, key: string) => at?.[key], doc);
  if (target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
  return deref(target);
}

const channelAt = (address: string): Doc => {
  const found = Object.values(doc.channels as Doc).find((channel) => channel.address === address);
  if (!found) throw new Error(`no channel with address ${address}`);
  return found;
};
const messageNames = (channel: Doc): string[] => Object.values(channel.messages as Doc).map((message) => deref(message).name);
const properties = (schemaName: string): string[] => Object.keys(deref({ $ref: `#/components/schemas/${schemaName}` }).properties).sort();
const enumOf = (schemaName: string): unknown[] => deref({ $ref: `#/components/schemas/${schemaName}` }).enum;
/** The properties class-validator checks on a job class: what the worker accepts. */
const validatedFields = (target: new () => object): string[] =>
  [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(target, '', true, false)
        .map((rule) => rule.propertyName),
    ),
  ].sort();

// Written out so that a field added to the TypeScript type fails the type-check until it is listed (and so documented).
const EVENT_FIELDS: Record<keyof OrderEvent, true> = { eventId: true, type: true, orderId: true, channel: true, externalId: true, from: true, to: true, version: true, cause: true, at: true };
const EVENT_TYPES: Record<OrderEvent['type'], true> = { 'order.created': true, 'order.transitioned': true, 'order.updated': true };
const CAUSES: Record<TransitionCause, true> = { ingest: true, sync: true, command: true, webhook: true, system: true };
const STEP_FIELDS: Record<keyof CommandStepData | keyof FollowUpStepData, true> = {
  chainId: true,
  command: true,
  orderId: true,
  payload: true,
  requestedBy: true,
  plan: true,
  index: true,
  cause: true,
  correlationId: true,
  traceparent: true,
};

const JOB_CLASSES: Record<CommandName, [schema: string, target: new () => object]> = {
  fulfill: ['FulfillJob', FulfillJobData],
  cancel: ['CancelJob', CancelJobData],
  reject: ['RejectJob', RejectJobData],
  'modify-tracking': ['ModifyTrackingJob', ModifyTrackingJobData],
};

describe('contract/asyncapi.yaml', () => {
  it('is an AsyncAPI 3.0 document whose references all resolve', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref') refs.push(value as string);
          else walk(value);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(() => deref({ $ref: ref })).not.toThrow();
    for (const operation of Object.values(doc.operations as Doc)) {
      expect(['send', 'receive']).toContain(operation.action);
      expect(deref(operation.channel).address).toEqual(expect.any(String));
    }
  });

  it('names the command intake queue and exactly the command jobs it takes', () => {
    expect(messageNames(channelAt(ORDER_COMMANDS_QUEUE)).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it("names every system's step queue, each taking the command jobs too, and exactly the step jobs the plans put there", () => {
    const systemQueues = Object.values(SYSTEM_QUEUES);
    const documented = Object.values(doc.channels as Doc)
      .map((channel) => channel.address)
      .filter((address: string) => address.startsWith('commands-'));
    expect(documented.sort()).toEqual([...systemQueues].sort());
    const stepNames = new Set<string>();
    for (const queue of systemQueues) {
      const names = messageNames(channelAt(queue));
      expect(names).toEqual(expect.arrayContaining([...COMMAND_NAMES]));
      names.filter((name) => (STEP_NAMES as readonly string[]).includes(name)).forEach((name) => stepNames.add(name));
      expect(names.filter((name) => !(COMMAND_NAMES as readonly string[]).includes(name) && !(STEP_NAMES as readonly string[]).includes(name))).toEqual([]);
    }
    expect([...stepNames].sort()).toEqual([...STEP_NAMES].sort());
    // A plan's Flexport steps run on commands-flexport; its channel steps on the channel's queue (Joom has them all).
    for (const plan of Object.values(COMMAND_PLANS)) {
      for (const entry of [...plan.steps, ...(plan.whileAtFlexport ?? []), ...(plan.followUps ?? [])]) {
        expect(messageNames(channelAt(entry.system === 'flexport' ? SYSTEM_QUEUES.flexport : SYSTEM_QUEUES.joom))).toContain(entry.step);
      }
    }
  });

  it('gives the step jobs the options enqueue() adds', () => {
    for (const queue of Object.values(SYSTEM_QUEUES)) expect(channelAt(queue)['x-bullmq'].jobOptions).toEqual(COMMAND_JOB_OPTIONS);
    expect(channelAt(ORDER_COMMANDS_QUEUE)['x-bullmq']).toEqual(expect.objectContaining({ queue: ORDER_COMMANDS_QUEUE, stepJobOptions: COMMAND_JOB_OPTIONS }));
  });

  it.each(COMMAND_NAMES)('describes every field the worker accepts in a %s job, and its allowed values', (name) => {
    const [schema, target] = JOB_CLASSES[name];
    const message = Object.values(doc.components.messages as Doc).find((candidate) => candidate.name === name && deref(candidate.payload) === deref({ $ref: `#/components/schemas/${schema}` }));
    expect(message).toBeDefined();
    expect(properties(schema)).toEqual(validatedFields(target));
    for (const example of message?.examples ?? []) expect(() => parseCommandJob(name, example.payload)).not.toThrow();
  });

  it('lists the enums the validation uses', () => {
    expect(deref(deref({ $ref: '#/components/schemas/FulfillJob' }).properties.mode).enum).toEqual([...FULFILL_MODES]);
    expect(deref(deref({ $ref: '#/components/schemas/FulfillJob' }).properties.shipMethod).enum).toEqual([...FLEXPORT_SHIP_METHODS]);
    expect(enumOf('Reason')).toEqual([...CANCEL_REASONS]);
    expect(enumOf('Channel')).toEqual([...CHANNELS]);
    expect(enumOf('OrderStatus')).toEqual([...ORDER_STATUSES]);
    expect(enumOf('Cause')).toEqual(Object.keys(CAUSES));
  });

  it('describes the step job data', () => {
    expect(properties('StepJob')).toEqual(Object.keys(STEP_FIELDS).sort());
  });

  it('names the 16 event streams and the fields of their entries as the save script writes them', () => {
    const events = channelAt('order-events:{shardTag}');
    const tags = events.parameters.shardTag.enum as string[];
    expect(tags).toEqual(ALL_SHARDS.map(shardTag));
    expect(ALL_SHARDS.map((shard) => events.address.replace('{shardTag}', shardTag(shard)))).toEqual(ALL_SHARDS.map(storeKeys.events));
    const xadd = /'XADD',[^\n]*?'\*',(.*)\)/.exec(SAVE_ORDERS_LUA)?.[1] ?? '';
    const written = [...xadd.matchAll(/'(\w+)', ARGV/g)].map((match) => match[1]);
    expect(written.length).toBeGreaterThan(0);
    expect(properties('OrderEventEntry')).toEqual(written.sort());
    expect(enumOf('EventType')).toEqual(Object.keys(EVENT_TYPES));
  });

  it("describes every field of an event's JSON", () => {
    expect(properties('OrderEvent')).toEqual(Object.keys(EVENT_FIELDS).sort());
    expect(deref({ $ref: '#/components/schemas/OrderEvent' }).required.sort()).toEqual(Object.keys(EVENT_FIELDS).sort());
  });
});
