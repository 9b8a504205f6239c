import type { AxiosAdapter, AxiosInstance } from 'axios';
import { createHttpClient } from './http-client.factory';
import { noteRemoteRequestId, RemoteRequestScope, withRemoteRequestScope } from './remote-request-scope';

/** Answers every call in memory: `answers` maps a path to its status and headers, or to a transport failure. */
function clientAnswering(answers: Record<string, { status: number; headers: Record<string, string> } | 'reset'>, requestIdHeader?: string): AxiosInstance {
  const client = createHttpClient({ baseURL: 'http://remote.invalid', headers: {}, system: 'flexport', requestIdHeader });
  const adapter: AxiosAdapter = async (config) => {
    // Each call yields once first, as a real socket would, so calls of concurrent scopes interleave.
    await new Promise((resolve) => setImmediate(resolve));
    const answer = answers[config.url!];
    if (answer === 'reset') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    return { status: answer.status, statusText: '', headers: answer.headers, data: {}, config };
  };
  client.defaults.adapter = adapter;
  return client;
}

describe('remote request scope', () => {
  const client = clientAnswering(
    {
      '/find': { status: 404, headers: { 'x-correlation-id': 'corr-find' } },
      '/create': { status: 201, headers: { 'x-correlation-id': 'corr-create' } },
      '/bare': { status: 200, headers: {} },
      '/down': 'reset',
    },
    'x-correlation-id',
  );

  it("keeps the id the scope's last call was answered with", async () => {
    const seen = await withRemoteRequestScope(async (scope) => {
      await client.get('/find');
      await client.post('/create');
      return scope;
    });
    expect(seen).toEqual({ requestId: 'corr-create' });
  });

  it('says null when the last call got no answer or an answer without the id, and nothing before any call', async () => {
    const scope = await withRemoteRequestScope(async (calls) => {
      expect(calls.requestId).toBeUndefined();
      await client.get('/find');
      await client.get('/down').catch(() => undefined);
      return calls;
    });
    expect(scope.requestId).toBeNull();
    expect(await withRemoteRequestScope(async (calls) => (await client.get('/bare'), calls))).toEqual({ requestId: null });
  });

  it('keeps concurrent scopes apart', async () => {
    const run = (path: string) =>
      withRemoteRequestScope(async (scope) => {
        for (let i = 0; i < 3; i += 1) await client.get(path);
        return scope.requestId;
      });
    expect(await Promise.all([run('/find'), run('/create'), run('/find')])).toEqual(['corr-find', 'corr-create', 'corr-find']);
  });

  it('records nothing for a client of a system that documents no request id, nor outside a scope', async () => {
    const undocumented = clientAnswering({ '/create': { status: 201, headers: { 'x-correlation-id': 'corr-create' } } });
    expect(await withRemoteRequestScope(async (scope: RemoteRequestScope) => (await undocumented.post('/create'), scope))).toEqual({});
    expect(() => noteRemoteRequestId('outside')).not.toThrow();
    await expect(client.post('/create')).resolves.toEqual(expect.objectContaining({ status: 201 }));
  });
});
