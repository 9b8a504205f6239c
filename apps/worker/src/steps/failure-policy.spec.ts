import { RemoteAuthUnavailableError, RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { NoRejectableLinesError, OfflineOnlyError, OnlineOnlyError, TrackingNotModifiableError } from '@app/orders';
import { classifyFailure } from './failure-policy';

describe('classifyFailure', () => {
  it.each([
    ['a 429 with a wait', new RemoteTransientError('joom', '429', 429, 5_000), 'rate_limited'],
    // docs/api-decisions.md OA-7: a refused grant pauses the queue, never a dead letter.
    ['a refused OAuth grant', new RemoteAuthUnavailableError('joom', 'joom refused the refresh token', 30_000), 'rate_limited'],
    ['a 5xx', new RemoteTransientError('joom', '503', 503, null), 'transient'],
    ['a 401 with a static token', new RemoteRefusedError('joom', 'refused (401)', 401, '4000'), 'refused'],
    // Order facts that rule the command out: it no longer fits the order, nothing was refused remotely.
    ['an online-only order', new OnlineOnlyError('fulfill:tracking', []), 'not_applicable'],
    ['an offline-only order', new OfflineOnlyError('fulfill:online', []), 'not_applicable'],
    ['no rejectable line', new NoRejectableLinesError('reject', []), 'not_applicable'],
    ['no merchant tracking', new TrackingNotModifiableError('modify_tracking', []), 'not_applicable'],
  ])('%s → %s', (_, error, kind) => {
    expect(classifyFailure(error)).toBe(kind);
  });
});
