import { hasHashTag, isClusterUrl, parseRedisUrl } from './redis-url';

describe('parseRedisUrl', () => {
  it('passes a single-server URL through unchanged', () => {
    expect(parseRedisUrl('redis://:pw@127.0.0.1:6380/2')).toEqual({ kind: 'single', url: 'redis://:pw@127.0.0.1:6380/2' });
    expect(isClusterUrl('rediss://host:6379')).toBe(false);
  });

  it('reads cluster seed nodes, credentials and TLS', () => {
    expect(parseRedisUrl('redis+cluster://127.0.0.1:7000,127.0.0.1:7001,localhost')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '127.0.0.1', port: 7000 },
        { host: '127.0.0.1', port: 7001 },
        { host: 'localhost', port: 6379 },
      ],
      username: undefined,
      password: undefined,
      tls: false,
    });
    expect(parseRedisUrl('rediss+cluster://app:p%40ss:w@h1:7000')).toMatchObject({ username: 'app', password: 'p@ss:w', tls: true, nodes: [{ host: 'h1', port: 7000 }] });
    expect(parseRedisUrl('redis+cluster://:secret@h1:7000/')).toMatchObject({ username: undefined, password: 'secret' });
  });
});

describe('hasHashTag', () => {
  it.each([
    ['{gw}', true],
    ['gw-{prod}', true],
    ['bull', false],
    ['{}', false],
  ])('%s → %s', (prefix, expected) => expect(hasHashTag(prefix)).toBe(expected));
});
