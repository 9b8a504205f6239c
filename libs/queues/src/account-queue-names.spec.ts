import { GatewayConfig, JoomConfig } from '@app/config';
import { extraAccountQueueNames, extraAccounts } from './account-queues';
import { accountOfQueue, circuitOf, stepQueueName, syncQueueName, systemOfQueue } from './queue-names';

const joom = (account: string) => ({ account, apiVersion: 'v3', baseUrl: 'http://joom', accessToken: 't' }) as JoomConfig;

describe('account queue names (docs/api-decisions.md AC-3)', () => {
  it('keeps main on the system queues and gives every other account its own', () => {
    expect(stepQueueName('joom')).toBe('commands-joom');
    expect(stepQueueName('joom', 'main')).toBe('commands-joom');
    expect(stepQueueName('joom', 'eu')).toBe('commands-joom.eu');
    expect(syncQueueName('akinon', 'tr2')).toBe('sync-akinon.tr2');
    // Flexport is one account whatever an order's account is.
    expect(stepQueueName('flexport', 'eu')).toBe('commands-flexport');
    expect(circuitOf('joom', 'eu')).toBe('joom.eu');
    expect(circuitOf('flexport', 'eu')).toBe('flexport');
    expect(circuitOf('akinon')).toBe('akinon');
  });

  it('reads the system and account back from a queue name', () => {
    expect(accountOfQueue('commands-joom.eu')).toEqual({ base: 'commands-joom', account: 'eu' });
    expect(accountOfQueue('sync-akinon')).toEqual({ base: 'sync-akinon', account: 'main' });
    expect(systemOfQueue('commands-joom.eu')).toBe('joom');
    expect(systemOfQueue('sync-akinon.tr-2')).toBe('akinon');
    expect(systemOfQueue('order-commands')).toBe('gateway');
  });

  it('lists the queues of every configured account but main', () => {
    const config = { channels: { joom: joom('main'), akinon: null, flexport: null }, accounts: { joom: [joom('main'), joom('eu'), joom('us')], akinon: [] } } as unknown as GatewayConfig;
    expect(extraAccounts(config)).toEqual([
      { channel: 'joom', account: 'eu' },
      { channel: 'joom', account: 'us' },
    ]);
    expect(extraAccountQueueNames(config)).toEqual({ steps: ['commands-joom.eu', 'commands-joom.us'], syncs: ['sync-joom.eu', 'sync-joom.us'] });
    // A hand-built config without `accounts`: just main, no extra queues.
    expect(extraAccounts({ ...config, accounts: undefined })).toEqual([]);
  });
});
