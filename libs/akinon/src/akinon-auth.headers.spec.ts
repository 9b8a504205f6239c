import { akinonAuthHeaders } from './akinon-auth.headers';

describe('akinonAuthHeaders (docs/api-decisions.md AK-2)', () => {
  it.each([
    ['both', { Authentication: 'Bearer t0k', Authorization: 'Bearer t0k' }],
    ['Authentication', { Authentication: 'Bearer t0k' }],
    ['Authorization', { Authorization: 'Bearer t0k' }],
  ] as const)('%s → %j', (authHeader, headers) => {
    expect(akinonAuthHeaders({ authHeader, authScheme: 'Bearer', apiToken: 't0k' })).toEqual(headers);
  });

  it('keeps the configured scheme', () => {
    expect(akinonAuthHeaders({ authHeader: 'Authorization', authScheme: 'Token', apiToken: 't0k' })).toEqual({ Authorization: 'Token t0k' });
  });
});
