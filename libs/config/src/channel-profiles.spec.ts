import { accountFor } from './channel-profiles';
import { GatewayConfig } from './gateway-config';

const config = { channels: { joom: { account: 'store-eu' }, akinon: null, flexport: null } } as unknown as GatewayConfig;

describe('accountFor', () => {
  it('takes the account a reference names, else the channel’s configured one, else main', () => {
    expect(accountFor('joom', config, 'store-us')).toBe('store-us');
    expect(accountFor('joom', config)).toBe('store-eu');
    expect(accountFor('akinon', config)).toBe('main');
  });
});
