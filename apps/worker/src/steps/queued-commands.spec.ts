import { Job } from 'bullmq';
import { GatewayConfig } from '@app/config';
import { CommandRequest, CommandRouter, CommandStepData, RoutedCommand } from '@app/queues';
import { QueuedCommands } from './queued-commands';

const orderId = 'ord_5f1c0a9e3b7d4c2a8e6f0b1d';
const config = { channels: { joom: { apiVersion: 'v3', account: 'main' } } } as unknown as GatewayConfig;
const fulfil = { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000001', orderId, requestedBy: 'crm' };
const plan = [{ system: 'joom' as const, step: 'fulfill-tracking' as const }];
const stepData: CommandStepData = {
  chainId: 'commands-joom-7',
  command: 'fulfill',
  orderId,
  payload: { mode: 'tracking', carrier: 'DHL', trackingNumber: 'JD0146000001' },
  requestedBy: 'crm',
  plan,
  index: 0,
};

function commands(adopted: CommandStepData | null = stepData) {
  const routed: RoutedCommand = { jobId: 'commands-joom-7-1', queue: 'commands-joom', plan, joined: false };
  const router = { adopt: jest.fn(async (_request: CommandRequest, _queue: string, _jobId: string) => adopted), route: jest.fn(async () => routed) };
  return { queued: new QueuedCommands(router as unknown as CommandRouter, config), router };
}

function job(name: string, data: unknown, attempts?: number) {
  return { id: '7', name, data, queueName: 'commands-joom', attemptsStarted: 1, opts: attempts ? { attempts } : {}, updateData: jest.fn(async () => undefined) } as unknown as Job & {
    updateData: jest.Mock;
  };
}

describe('QueuedCommands: a command a producer added to a step queue', () => {
  it('becomes its own first step when it carries the gateway’s retries: one job per command, its data replaced by the step’s', async () => {
    const { queued, router } = commands();
    const added = job('fulfill', fulfil, 8);
    expect(await queued.adopt(added)).toEqual({ data: stepData });
    expect(router.adopt).toHaveBeenCalledWith(expect.objectContaining({ name: 'fulfill', orderId, chainId: 'commands-joom-7' }), 'commands-joom', '7');
    expect(added.updateData).toHaveBeenCalledWith(stepData);
  });

  it('runs again as the step it became (its data has a plan now), validated as a step', async () => {
    const { queued, router } = commands();
    expect(await queued.adopt(job('fulfill', stepData, 8))).toEqual({ data: stepData });
    expect(router.adopt).not.toHaveBeenCalled();
  });

  it('is routed instead (a step job with the gateway’s options) when added without options, with a key, or for another system', async () => {
    for (const [data, attempts, adopted] of [
      [fulfil, undefined, stepData],
      [{ ...fulfil, idempotencyKey: 'k-1' }, 8, stepData],
      [fulfil, 8, null],
    ] as const) {
      const { queued, router } = commands(adopted);
      const added = job('fulfill', data, attempts);
      expect(await queued.adopt(added)).toEqual({ forwarded: { plan: ['joom:fulfill-tracking'], next: { queue: 'commands-joom', jobId: 'commands-joom-7-1' } } });
      expect(router.route).toHaveBeenCalledTimes(1);
      expect(added.updateData).not.toHaveBeenCalled();
    }
  });

  it('refuses a malformed command before anything is read', async () => {
    const { queued, router } = commands();
    await expect(queued.adopt(job('fulfill', { ...fulfil, mode: 'drone' }, 8))).rejects.toMatchObject({ code: 'invalid_command_job' });
    expect(router.adopt).not.toHaveBeenCalled();
  });
});
