import { RemoteRefusedError, RemoteTransientError } from '@app/adapters';
import { ChannelAuthStore, credentialsRefused } from '@app/store';
import { RemoteAuthWatch } from './remote-auth-watch';

function watch() {
  const store = { recordCallRefused: jest.fn(async (_system: string, _at: Date) => undefined), recordCallAccepted: jest.fn(async (_system: string, _at: Date) => undefined) };
  const subject = new RemoteAuthWatch(store as unknown as ChannelAuthStore);
  const warn = jest.spyOn((subject as unknown as { logger: { warn: () => void } }).logger, 'warn').mockImplementation(() => undefined);
  return { subject, store, warn };
}

describe('RemoteAuthWatch', () => {
  it('records a 401 for the system that answered it and warns once until a call goes through again', async () => {
    const { subject, store, warn } = watch();
    await subject.failed(new RemoteRefusedError('akinon', 'akinon refused (401): Invalid token.', 401, null));
    await subject.failed(new RemoteRefusedError('akinon', 'akinon refused (401): Invalid token.', 401, null));
    expect(store.recordCallRefused).toHaveBeenCalledTimes(2);
    expect(store.recordCallRefused).toHaveBeenCalledWith('akinon', expect.any(Date));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]).toEqual([expect.stringContaining('AKINON_API_TOKEN')]);

    await subject.succeeded('akinon');
    expect(store.recordCallAccepted).toHaveBeenCalledWith('akinon', expect.any(Date));
    await subject.failed(new RemoteRefusedError('akinon', 'again', 401, null));
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('ignores failures that are not a 401', async () => {
    const { subject, store } = watch();
    await subject.failed(new RemoteRefusedError('joom', 'joom refused (400): bad', 400, null));
    await subject.failed(new RemoteTransientError('joom', 'joom answered 503', 503, null));
    await subject.failed(new Error('socket hang up'));
    expect(store.recordCallRefused).not.toHaveBeenCalled();
  });

  it('writes accepted calls at most once a second per system', async () => {
    const { subject, store } = watch();
    await subject.succeeded('joom');
    await subject.succeeded('joom');
    await subject.succeeded('flexport');
    expect(store.recordCallAccepted.mock.calls.map(([system]) => system)).toEqual(['joom', 'flexport']);
  });

  it('never fails the job when Redis does not answer', async () => {
    const { subject, store } = watch();
    store.recordCallRefused.mockRejectedValueOnce(new Error('Connection is closed.'));
    await expect(subject.failed(new RemoteRefusedError('joom', 'x', 401, null))).resolves.toBeUndefined();
  });
});

describe('credentialsRefused', () => {
  it('is true while the latest 401 is newer than the latest accepted call', () => {
    expect(credentialsRefused(null)).toBe(false);
    expect(credentialsRefused({ refusedAt: '2026-01-01T10:00:00.000Z', acceptedAt: null })).toBe(true);
    expect(credentialsRefused({ refusedAt: '2026-01-01T10:00:00.000Z', acceptedAt: '2026-01-01T09:59:59.000Z' })).toBe(true);
    expect(credentialsRefused({ refusedAt: '2026-01-01T10:00:00.000Z', acceptedAt: '2026-01-01T10:00:01.000Z' })).toBe(false);
    expect(credentialsRefused({ refusedAt: null, acceptedAt: '2026-01-01T10:00:01.000Z' })).toBe(false);
  });
});
