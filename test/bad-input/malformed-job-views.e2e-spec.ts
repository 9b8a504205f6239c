import { Job } from 'bullmq';
import { CanonicalOrder } from '@app/orders';
import { ORDER_COMMANDS_QUEUE, SYNC_QUEUES, SYSTEM_QUEUES } from '@app/queues';
import { adminAuth, auth } from '../support/api-fixture';
import { expectErrorAnswer, waitForBootSync } from '../support/bad-input-fixtures';
import { channelAdapter, GatewayStack, ingestMatching, offlineReady, startGateway, waitForJob } from '../support/gateway-stack';
import { openQueue, TestQueue } from '../support/queue-fixtures';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(60_000);

/*
 * Producers add whatever they like to the gateway's queues. GET /v1/jobs and
 * GET /v1/jobs/{id} still answer exactly their documented schema (checked
 * against the OpenAPI document the api serves), and POST …/retry refuses
 * with 409 `job_not_retryable` a dead letter whose replay would fail the
 * same way.
 */

type Schema = { $ref?: string; type?: string; nullable?: boolean; enum?: unknown[]; items?: Schema; properties?: Record<string, Schema>; required?: string[]; allOf?: Schema[] };
type Components = Record<string, Schema>;

/** Every way `value` departs from `schema` (types, nulls, enums, required and undocumented properties), as paths. */
function schemaProblems(value: unknown, schema: Schema, components: Components, path = '$'): string[] {
  if (schema.$ref) return schemaProblems(value, components[schema.$ref.split('/').pop()!], components, path);
  if (schema.allOf?.length === 1) return schemaProblems(value, { ...schema.allOf[0], nullable: schema.nullable }, components, path);
  if (value === null) return schema.nullable || (!schema.type && !schema.enum) ? [] : [`${path} is null`];
  if (schema.enum && !schema.enum.includes(value)) return [`${path} ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  const actual = Array.isArray(value) ? 'array' : typeof value;
  const expected = schema.type ?? (schema.properties ? 'object' : undefined);
  if (expected && expected !== (expected === 'integer' ? 'number' : actual) && !(expected === 'integer' && actual === 'number')) return [`${path} is ${actual}, documented ${expected}`];
  if (expected === 'array') return (value as unknown[]).flatMap((item, i) => schemaProblems(item, schema.items!, components, `${path}[${i}]`));
  if (expected !== 'object' || !schema.properties) return [];
  const record = value as Record<string, unknown>;
  return [
    ...(schema.required ?? []).filter((key) => !(key in record)).map((key) => `${path}.${key} is missing`),
    ...Object.keys(record)
      .filter((key) => !(key in schema.properties!))
      .map((key) => `${path}.${key} is not documented`),
    ...Object.entries(schema.properties).flatMap(([key, property]) => (key in record ? schemaProblems(record[key], property, components, `${path}.${key}`) : [])),
  ];
}

const UNKNOWN_ORDER = 'ord_000000000000000000000000';

describe('bad input: malformed jobs in GET /v1/jobs and retries that cannot succeed', () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  let intake: TestQueue;
  let joomSteps: TestQueue;
  let components: Components;
  let order: CanonicalOrder;
  const forged: Record<string, string> = {};

  /** Adds a job, retries allowed, and waits until the worker has failed it. */
  async function forge(label: string, name: string, data: unknown): Promise<string> {
    const job = await intake.queue.add(name, data, { attempts: 5, backoff: { type: 'fixed', delay: 1_000 } });
    forged[label] = job.id!;
    return job.id!;
  }

  async function waitFailed(job: Job): Promise<void> {
    const deadline = Date.now() + 20_000;
    while ((await job.getState()) !== 'failed') {
      if (Date.now() > deadline) throw new Error(`${job.queueName}/${job.id} did not fail: ${await job.getState()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '40' });
    stack = await startGateway(sandbox);
    await waitForBootSync(Object.values(SYNC_QUEUES));
    [order] = await ingestMatching(stack, 'joom', 1, offlineReady);
    intake = openQueue(ORDER_COMMANDS_QUEUE);
    joomSteps = openQueue(SYSTEM_QUEUES.joom);
    components = (await stack.http.get('/docs-json').expect(200)).body.components.schemas;

    await forge('orderId 12345', 'cancel', { orderId: 12345, reason: 'other' });
    await forge('command "refund"', 'refund', { orderId: order.id, reason: 'other' });
    await forge('data a string', 'cancel', 'cancel that order please');
    await forge('data an array', 'reject', [{ orderId: order.id }]);
    await forge('data null', 'fulfill', null);
    await forge('a command and orderId field of other types', 'fulfill', { command: 42, orderId: ['x'], mode: 'online' });
    await forge('an unknown order', 'cancel', { orderId: UNKNOWN_ORDER, reason: 'other' });
    for (const id of Object.values(forged)) expect((await waitForJob(stack, id)).state).toBe('failed');
    // A step job another service added by hand, with nothing of the documented types.
    const step = await joomSteps.queue.add('refund', { chainId: 42, orderId: 12345, command: 'refund' }, { attempts: 1 });
    await waitFailed(step);
  });
  afterAll(async () => {
    await intake?.close();
    await joomSteps?.close();
    await stack?.stop();
    await sandbox?.stop();
  });

  it('the OpenAPI document says which job fields may be null', () => {
    expect(components.JobViewDto.properties!.command).toEqual(expect.objectContaining({ nullable: true, enum: ['fulfill', 'cancel', 'reject', 'modify-tracking', null] }));
    expect(components.JobViewDto.properties!.orderId).toEqual(expect.objectContaining({ nullable: true, type: 'string' }));
  });

  it('GET /v1/jobs?state=failed lists them all, every item of the documented schema', async () => {
    const { body } = await stack.http.get('/v1/jobs?state=failed').set(auth).expect(200);
    expect(schemaProblems(body, components.JobListDto, components)).toEqual([]);
    expect(body.items.map((item: { jobId: string }) => item.jobId)).toEqual(expect.arrayContaining(Object.values(forged)));
    // The hand-made step job is listed as itself: no command, no order, nothing of another type.
    expect(body.items).toContainEqual(expect.objectContaining({ command: null, orderId: null, steps: [expect.objectContaining({ queue: SYSTEM_QUEUES.joom, name: 'refund', state: 'failed' })] }));
  });

  it.each([
    ['orderId 12345', { command: 'cancel', orderId: null }],
    ['command "refund"', { command: null }],
    ['data a string', { command: 'cancel', orderId: null }],
    ['data an array', { command: 'reject', orderId: null }],
    ['data null', { command: 'fulfill', orderId: null }],
    ['a command and orderId field of other types', { command: 'fulfill', orderId: null }],
    ['an unknown order', { command: 'cancel', orderId: UNKNOWN_ORDER }],
  ])('GET /v1/jobs/{id} of a job with %s: the documented schema, what is not of its type null', async (label, expected) => {
    const { body } = await stack.http.get(`/v1/jobs/${forged[label]}`).set(auth).expect(200);
    expect(schemaProblems(body, components.JobViewDto, components)).toEqual([]);
    expect(body).toEqual(expect.objectContaining({ jobId: forged[label], state: 'failed', ...expected }));
  });

  it.each(['orderId 12345', 'command "refund"', 'data a string', 'a command and orderId field of other types'])(
    'POST /v1/jobs/{id}/retry of an invalid_command_job dead letter (%s) → 409 job_not_retryable, the job left failed',
    async (label) => {
      const id = forged[label];
      expect((await stack.http.get(`/v1/jobs/${id}`).set(auth)).body.error).toMatch(/^invalid_command_job: /);
      const response = await stack.http.post(`/v1/jobs/${id}/retry`).set(adminAuth);
      expectErrorAnswer(response, 409, 'job_not_retryable');
      expect(response.body.details).toEqual(expect.objectContaining({ jobId: id, reason: 'invalid_command_job' }));
      expect(await (await Job.fromId(intake.queue, id))!.getState()).toBe('failed');
    },
  );

  it('a dead letter whose order is still unknown → 409 job_not_retryable; once the order is there, the retry is accepted', async () => {
    const missing = forged['an unknown order'];
    const refused = await stack.http.post(`/v1/jobs/${missing}/retry`).set(adminAuth);
    expectErrorAnswer(refused, 409, 'job_not_retryable');
    expect(refused.body.details).toEqual(expect.objectContaining({ reason: 'order_not_found' }));

    // Named by channel + externalId under an account the gateway has not stored it for: not found until it is ingested there.
    const job = await intake.queue.add('reject', { channel: 'joom', account: 'second', externalId: order.externalId, reason: 'other', lineIds: ['no-such-line'] });
    expect((await waitForJob(stack, job.id!)).error).toMatch(/not found/);
    expectErrorAnswer(await stack.http.post(`/v1/jobs/${job.id}/retry`).set(adminAuth), 409, 'job_not_retryable');
    const adapter = channelAdapter(stack.config, 'joom');
    await stack.ingestor.ingest({ channel: 'joom', account: 'second', ...(await adapter.getOrder(order.externalId)) }, 'ingest', 'test');
    await stack.http.post(`/v1/jobs/${job.id}/retry`).set(adminAuth).expect(202);
    // Replayed: the order is found now, and the unknown line refuses the reject — a different reason.
    const deadline = Date.now() + 20_000;
    let error: string | null = null;
    while (Date.now() < deadline && !/no-such-line/.test(error ?? '')) {
      error = (await stack.http.get(`/v1/jobs/${job.id}`).set(auth)).body.error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(error).toMatch(/no line\(s\): no-such-line/);
  });

  it('a job that reused an idempotency key for another command → retry 409 job_not_retryable', async () => {
    const first = await intake.queue.add('cancel', { orderId: order.id, reason: 'customer_request', idempotencyKey: 'views-k1', requestedBy: 'crm' });
    expect((await waitForJob(stack, first.id!)).state).toBe('completed');
    const other = await intake.queue.add('cancel', { orderId: order.id, reason: 'other', idempotencyKey: 'views-k1', requestedBy: 'crm' });
    expect((await waitForJob(stack, other.id!)).error).toMatch(/^idempotency_key_reused: /);
    const response = await stack.http.post(`/v1/jobs/${other.id}/retry`).set(adminAuth);
    expectErrorAnswer(response, 409, 'job_not_retryable');
    expect(response.body.details).toEqual(expect.objectContaining({ reason: 'idempotency_key_reused' }));
  });
});
