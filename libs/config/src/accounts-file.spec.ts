import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountConfig, accountsOf } from './channel-accounts';
import { profileFor } from './channel-profiles';
import { ConfigError, loadConfig } from './load-config';

const SECRET = 'tok-SECRET-never-echoed-1234';
const dir = mkdtempSync(join(tmpdir(), 'accounts-file-'));
let files = 0;

function file(content: string, extension = 'json'): string {
  const path = join(dir, `accounts-${files++}.${extension}`);
  writeFileSync(path, content);
  return path;
}

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

const TWO_STORES = {
  joom: [
    { account: 'eu', apiVersion: 'v2', baseUrl: 'http://127.0.0.1:4000/', accessToken: SECRET, stepsPerSecond: 5, stepConcurrency: 2 },
    { account: 'us', baseUrl: 'http://127.0.0.1:4001', clientId: 'id', clientSecret: SECRET, refreshToken: SECRET },
  ],
  akinon: [{ account: 'tr2', baseUrl: 'http://127.0.0.1:4002', apiToken: SECRET, authScheme: 'Token' }],
};

describe('ACCOUNTS_FILE', () => {
  it('adds the file accounts after the environment’s main, each with its own credentials, URL and limits', () => {
    const config = loadConfig({ JOOM_ACCESS_TOKEN: 'main-token', AKINON_API_TOKEN: 'ak-main', AKINON_BASE_URL: 'http://127.0.0.1:4100', ACCOUNTS_FILE: file(JSON.stringify(TWO_STORES)) });
    expect(accountsOf(config, 'joom').map((account) => account.account)).toEqual(['main', 'eu', 'us']);
    expect(config.channels.joom!.account).toBe('main');
    const eu = accountConfig(config, 'joom', 'eu')!;
    expect(eu).toMatchObject({ apiVersion: 'v2', baseUrl: 'http://127.0.0.1:4000', accessToken: SECRET, oauth: null, stepsPerSecond: 5, stepConcurrency: 2, currency: 'USD' });
    expect(accountConfig(config, 'joom', 'us')).toMatchObject({ apiVersion: 'v3', accessToken: null, oauth: { clientId: 'id', clientSecret: SECRET, refreshToken: SECRET } });
    expect(accountsOf(config, 'akinon').map((account) => [account.account, account.authScheme, account.authHeader])).toEqual([
      ['main', 'Bearer', 'both'],
      ['tr2', 'Token', 'both'],
    ]);
    // Each store its own profile: eu is v2 (no online fulfilment), main v3.
    expect(profileFor('joom', config, 'eu')).toBe('joom_v2');
    expect(profileFor('joom', config, 'main')).toBe('joom_v3');
  });

  it('reads YAML by extension, and enables a channel the environment leaves off (its first account is the default)', () => {
    const yaml = 'joom:\n  - account: shop-2\n    accessToken: abc\n';
    const config = loadConfig({ ACCOUNTS_FILE: file(yaml, 'yaml') });
    expect(config.channels.joom).toMatchObject({ account: 'shop-2', accessToken: 'abc', apiVersion: 'v3' });
    expect(config.channels.akinon).toBeNull();
    expect(accountsOf(config, 'akinon')).toEqual([]);
  });

  it('without the file, the environment’s settings are account main, as before', () => {
    const config = loadConfig({ JOOM_ACCESS_TOKEN: 'main-token' });
    expect(accountsOf(config, 'joom')).toEqual([config.channels.joom]);
    expect(accountsOf({ ...config, accounts: undefined }, 'joom')).toEqual([config.channels.joom]);
  });

  it.each([
    [{ joom: [{ account: 'EU', accessToken: 'x' }] }, 'joom[0]: account must match'],
    [{ joom: [{ accessToken: 'x' }] }, 'joom[0]: account must match'],
    [
      {
        joom: [
          { account: 'eu', accessToken: 'x' },
          { account: 'eu', accessToken: 'y' },
        ],
      },
      'joom[1]: account "eu" is listed twice',
    ],
    [{ joom: [{ account: 'eu' }] }, 'joom[0] ("eu"): needs accessToken, or clientId, clientSecret and refreshToken'],
    [{ joom: [{ account: 'eu', clientId: 'a', refreshToken: SECRET }] }, 'clientId, clientSecret, refreshToken go together'],
    [{ joom: [{ account: 'eu', accessToken: 'x', apiVersion: 'v4' }] }, 'apiVersion must be "v2" or "v3"'],
    [{ joom: [{ account: 'eu', accessToken: 'x', baseUrl: 'ftp://x' }] }, 'baseUrl must be an http(s) URL'],
    [{ joom: [{ account: 'eu', accessToken: 'x', stepsPerSecond: 0 }] }, 'stepsPerSecond must be an integer from 1 to 10000'],
    [{ joom: [{ account: 'eu', accessToken: 'x', token: SECRET }] }, 'unknown field(s) token'],
    [{ akinon: [{ account: 'tr2', apiToken: SECRET }] }, 'akinon[0] ("tr2"): baseUrl is required'],
    [{ akinon: [{ account: 'tr2', baseUrl: 'http://a', apiToken: SECRET, authHeader: 'X' }] }, 'authHeader must be'],
    [{ akinon: [{ account: 'tr2', baseUrl: 'http://a', apiToken: SECRET, locationsFile: '/nonexistent/x.json' }] }, 'locationsFile cannot be read'],
    [{ flexport: [] }, 'unknown channel(s) flexport'],
    [{ joom: { account: 'eu' } }, '"joom" must be a list of accounts'],
    [[], 'must hold an object'],
  ])('refuses %j naming the entry and the field, never a value', (content, expected) => {
    const message = problemsOf({ ACCOUNTS_FILE: file(JSON.stringify(content)) });
    expect(message).toContain(`ACCOUNTS_FILE`);
    expect(message).toContain(expected);
    expect(message).not.toContain(SECRET);
  });

  it('refuses a file account named main when the environment configures main', () => {
    const path = file(JSON.stringify({ joom: [{ account: 'main', accessToken: 'x' }] }));
    expect(problemsOf({ JOOM_ACCESS_TOKEN: 'main-token', ACCOUNTS_FILE: path })).toContain('ACCOUNTS_FILE joom: account "main" is the environment\'s JOOM_* settings');
    expect(accountsOf(loadConfig({ ACCOUNTS_FILE: path }), 'joom').map((account) => account.account)).toEqual(['main']);
  });

  it('refuses an unreadable or unparsable file without quoting its content', () => {
    expect(problemsOf({ ACCOUNTS_FILE: join(dir, 'missing.json') })).toContain('ACCOUNTS_FILE cannot be read (ENOENT)');
    expect(problemsOf({ ACCOUNTS_FILE: file(`{"joom": [{"accessToken": "${SECRET}"`) })).toMatch(/ACCOUNTS_FILE is not valid JSON$/);
    const badYaml = problemsOf({ ACCOUNTS_FILE: file(`joom: [ {accessToken: ${SECRET}`, 'yml') });
    expect(badYaml).toContain('ACCOUNTS_FILE is not valid YAML');
    expect(badYaml).not.toContain(SECRET);
  });
});
