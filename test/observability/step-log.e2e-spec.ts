import { auth } from '../support/api-fixture';
import { GatewayStack, ingestMatching, offlineReady, startGateway, waitForJob } from '../support/gateway-stack';
import { RunningProcess, waitForOutput } from '../support/processes';
import { observeSandbox } from '../support/sandbox-observer';
import { SandboxHandle, startSandbox } from '../support/sandbox-process';
import { flushRedis } from '../support/store-fixtures';

jest.setTimeout(90_000);

/** The worker's JSON line that has `correlationId` and satisfies `match`, once written. */
async function stepLine(worker: RunningProcess, correlationId: string, match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  await waitForOutput(worker, new RegExp(`"correlationId":"${correlationId}"`));
  const lines = worker
    .output()
    .split('\n')
    .filter((text) => text.includes(`"correlationId":"${correlationId}"`))
    .map((text) => JSON.parse(text) as Record<string, unknown>);
  const found = lines.find(match);
  if (!found) throw new Error(`no matching step line for ${correlationId}:\n${lines.map((line) => JSON.stringify(line)).join('\n')}`);
  return found;
}

/** The worker as a process, its stdout read as written: the per-step line names the remote system's request id. */
describe("the worker's step line names the request id the remote system answered with", () => {
  let sandbox: SandboxHandle;
  let stack: GatewayStack;
  const flexport = observeSandbox(() => sandbox, 'flexport');

  beforeAll(async () => {
    await flushRedis();
    sandbox = await startSandbox({ SANDBOX_SEED_COUNT: '40' });
    stack = await startGateway(sandbox, { LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await stack?.stop();
    await sandbox?.stop();
  });

  it("carries the sandbox's x-correlation-id of the Flexport create on the fulfil's step line, and on its history entry", async () => {
    const [order] = await ingestMatching(stack, 'joom', 1, offlineReady);
    const since = await flexport.lastSeq();
    const requestId = 'step-log-flexport-0001';
    const accepted = await stack.http.post(`/v1/orders/${order.id}/fulfill`).set(auth).set('X-Request-Id', requestId).send({ mode: 'flexport' }).expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');

    const creates = (await flexport.calls(since)).filter((call) => call.method === 'POST' && /\/orders$/.test(call.path));
    expect(creates).toEqual([expect.objectContaining({ status: 200, correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) })]);
    const line = await stepLine(stack.worker, requestId, (candidate) => candidate.step === 'flexport-create');
    expect(line).toEqual(expect.objectContaining({ level: 30, msg: 'step completed', system: 'flexport', orderId: order.id, jobId: accepted.body.jobId, remoteRequestId: creates[0].correlationId }));
    const fulfilling = (await stack.store.repository.history(order.id)).find((entry) => entry.to === 'fulfilling');
    expect(fulfilling?.requestId).toBe(creates[0].correlationId);
  });

  it('leaves the field out of a Joom step: Joom documents no request id', async () => {
    // The first one went to Flexport above.
    const [, order] = await ingestMatching(stack, 'joom', 2, offlineReady);
    const requestId = 'step-log-joom-0001';
    const accepted = await stack.http
      .post(`/v1/orders/${order.id}/fulfill`)
      .set(auth)
      .set('X-Request-Id', requestId)
      .send({ mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000062877' })
      .expect(202);
    expect((await waitForJob(stack, accepted.body.jobId)).state).toBe('completed');
    const line = await stepLine(stack.worker, requestId, (candidate) => candidate.step === 'fulfill-tracking');
    expect(line).toEqual(expect.objectContaining({ msg: 'step completed', system: 'joom' }));
    expect(line).not.toHaveProperty('remoteRequestId');
  });
});
