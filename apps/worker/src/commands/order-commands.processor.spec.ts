import { Job, UnrecoverableError } from 'bullmq';
import { GatewayConfig } from '@app/config';
import { IllegalTransitionError } from '@app/orders';
import { CommandRequest, CommandRouter, RoutedCommand } from '@app/queues';
import { StoreUnavailableError } from '@app/store';
import { QueueMetricsRecorder } from '../metrics/queue-metrics.recorder';
import { OrderCommandsProcessor } from './order-commands.processor';

const orderId = 'ord_5f1c0a9e3b7d4c2a8e6f0b1d';
const fulfil = { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000001', orderId, requestedBy: 'crm' };
const config = { channels: { joom: { apiVersion: 'v3', account: 'main' } } } as unknown as GatewayConfig;
const routed: RoutedCommand = { jobId: '41-1', queue: 'commands-joom', plan: [{ system: 'joom', step: 'fulfill-tracking' }], joined: false };

function intake(route: (request: CommandRequest) => Promise<RoutedCommand> = async () => routed) {
  const router = { route: jest.fn(route) };
  return { processor: new OrderCommandsProcessor(router as unknown as CommandRouter, config, {} as QueueMetricsRecorder), router };
}

const job = (data: Record<string, unknown>, attemptsStarted = 1, name = 'fulfill') =>
  ({ id: '41', queueName: 'order-commands', timestamp: 1765000000000, name, data, attemptsStarted }) as unknown as Job;

describe('OrderCommandsProcessor', () => {
  it('hands the validated command to the router under its job id and add time, and says where it went', async () => {
    const { processor, router } = intake();
    expect(await processor.process(job(fulfil))).toEqual({ plan: ['joom:fulfill-tracking'], next: { queue: 'commands-joom', jobId: '41-1' } });
    expect(router.route).toHaveBeenCalledWith({
      name: 'fulfill',
      orderId,
      body: { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000001' },
      requestedBy: 'crm',
      correlationId: 'order-commands/41',
      chainId: '41.1765000000000',
      mayExist: false,
      idempotent: false,
    });
  });

  it('names the chain by the key when the job has one, and by the channel’s id when it has no orderId', async () => {
    const { processor, router } = intake();
    await processor.process(job({ mode: 'flexport', channel: 'joom', externalId: 'ext-9', idempotencyKey: 'crm-1' }));
    const request = router.route.mock.calls[0][0];
    expect(request.chainId).toMatch(/^idem-[0-9a-f]{40}$/);
    expect(request.mayExist).toBe(true);
    // Its record (IdempotencyRecords) answers a repeat even once the queues were cleaned.
    expect(request.idempotent).toBe(true);
    expect(request.requestedBy).toBe('queue');
    expect(request.orderId).toMatch(/^ord_[0-9a-f]{24}$/);
  });

  it('looks for its own chain first when it runs again after a crash', async () => {
    const { processor, router } = intake();
    await processor.process(job(fulfil, 2));
    expect(router.route.mock.calls[0][0].mayExist).toBe(true);
  });

  it('fails for good with `<code>: <message>` on a malformed job or a refusal, and retries a Redis blip', async () => {
    const malformed = await intake()
      .processor.process(job({ ...fulfil, mode: 'drone' }))
      .catch((error: Error) => error);
    expect(malformed).toBeInstanceOf(UnrecoverableError);
    expect((malformed as Error).message).toMatch(/^invalid_command_job: /);

    const refused = await intake(async () => {
      throw new IllegalTransitionError('shipped', 'shipped');
    })
      .processor.process(job(fulfil))
      .catch((error: Error) => error);
    expect(refused).toBeInstanceOf(UnrecoverableError);
    expect((refused as Error).message).toMatch(/^illegal_transition: /);

    const blip = await intake(async () => {
      throw new StoreUnavailableError('connection lost');
    })
      .processor.process(job(fulfil))
      .catch((error: Error) => error);
    expect(blip).not.toBeInstanceOf(UnrecoverableError);
    expect((blip as Error).message).toBe('store_unavailable: order store unavailable: connection lost');
  });
});
