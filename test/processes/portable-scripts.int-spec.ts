import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRepoFile, REPO_ROOT } from '../support/compose-file';
import { chromePath } from '../support/chrome-path';

const DEPS = join(REPO_ROOT, 'scripts', 'lib', 'deps.sh');
/** Found once on this PATH: the tests below run bash with PATHs that do not hold it. */
const BASH = execFileSync('sh', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim();

/** Runs `script` in bash after sourcing scripts/lib/deps.sh, with exactly `env`. */
function deps(script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // --norc: node's pipes are sockets, which makes bash read ~/.bashrc as if started by a remote shell.
    execFile(BASH, ['--norc', '-c', `. "$0" && ${script}`, DEPS], { env, timeout: 15_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** A PATH holding only node (so `missing_tools` sees a machine with nothing else). */
function pathWithNodeOnly(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gw-path-'));
  symlinkSync(process.execPath, join(dir, 'node'));
  return dir;
}

/**
 * scripts/ensure-deps.sh on machines other than Debian as root: what counts
 * as missing, and the report of how to get it (macOS: Homebrew); the browser
 * tests' Chrome lookup; and the bash 3.2 that macOS ships, for which
 * start.sh and ensure-deps.sh avoid every later construct. The install
 * itself (apt) is not run here.
 */
describe('the two commands on more machines', () => {
  it('counts as missing what npm start needs (node, redis-server unless REDIS_URL) and, for tests, a browser and promtool', async () => {
    const bare = { PATH: pathWithNodeOnly(), HOME: '/nonexistent', CHROME_PATH: '/nonexistent/chrome' };
    expect((await deps('missing_tools', bare)).stdout.trim()).toBe('redis-server');
    expect((await deps('missing_tools', { ...bare, REDIS_URL: 'redis://elsewhere:6379' })).stdout.trim()).toBe('');
    expect((await deps('missing_tools --for-tests', { ...bare, REDIS_URL: 'redis://elsewhere:6379' })).stdout.trim()).toBe('redis-server chromium promtool');
    expect((await deps('missing_tools', { PATH: mkdtempSync(join(tmpdir(), 'gw-path-')) })).stdout.trim()).toBe('node redis-server');
    // This machine (Debian, root): nothing missing, and apt may install.
    expect((await deps('missing_tools --for-tests', { PATH: process.env.PATH! })).stdout.trim()).toBe('');
  });

  it('says what is missing and how to get it: Homebrew on macOS, apt or the distribution elsewhere', async () => {
    const mac = await deps('missing_report Darwin node redis-server chromium promtool', { PATH: process.env.PATH! });
    expect(mac.stdout).toContain('✗ missing: node redis-server chromium promtool');
    for (const hint of ['brew install node@22', 'brew install redis', 'brew install --cask chromium', 'CHROME_PATH', 'brew install prometheus']) expect(mac.stdout).toContain(hint);
    expect(mac.stdout).not.toContain('apt-get');
    const linux = await deps('missing_report Linux redis-server chromium promtool', { PATH: process.env.PATH! });
    for (const hint of ['apt-get install redis-server', 'apt-get install chromium', '--no-install-recommends prometheus', 'as root or with sudo']) expect(linux.stdout).toContain(hint);
    expect(linux.stdout).not.toContain('brew');
  });

  it('finds the browser through CHROME_PATH, or the usual places, and names CHROME_PATH when it is wrong', async () => {
    const fake = join(mkdtempSync(join(tmpdir(), 'gw-chrome-')), 'my chrome');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect((await deps('find_chrome', { PATH: '/nonexistent', CHROME_PATH: fake })).stdout.trim()).toBe(fake);
    const wrong = await deps('find_chrome', { PATH: process.env.PATH!, CHROME_PATH: '/nonexistent/chrome' });
    expect([wrong.code, wrong.stderr.trim()]).toEqual([1, 'CHROME_PATH=/nonexistent/chrome is not an executable file']);
    // Unset: found on this machine (Debian's chromium), the way the browser tests look for it.
    expect((await deps('find_chrome', { PATH: process.env.PATH! })).stdout.trim()).toMatch(/chrom/i);

    const saved = process.env.CHROME_PATH;
    try {
      process.env.CHROME_PATH = '/nonexistent/chrome';
      expect(() => chromePath()).toThrow(/CHROME_PATH=\/nonexistent\/chrome is not an executable file: set CHROME_PATH/);
      process.env.CHROME_PATH = fake;
      expect(chromePath()).toBe(fake);
    } finally {
      if (saved === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = saved;
    }
  });

  it('keeps start.sh and ensure-deps.sh to what bash 3.2 (macOS) runs, and both parse', async () => {
    const later: [RegExp, string][] = [
      [/declare -A|local -A/, 'associative arrays (bash 4)'],
      [/\bwait -n\b/, 'wait -n (bash 4.3)'],
      [/\b(mapfile|readarray|coproc)\b/, 'mapfile / readarray / coproc (bash 4)'],
      [/\$\{\w+(,,|\^\^)/, 'case conversion (bash 4)'],
      [/\{\w+\}[<>]/, 'named file descriptors (bash 4.1)'],
      [/&>>|\|&/, '&>> and |& (bash 4)'],
    ];
    for (const file of ['scripts/start.sh', 'scripts/ensure-deps.sh', 'scripts/lib/deps.sh']) {
      const code = readRepoFile(file)
        .split('\n')
        .filter((line) => !line.trim().startsWith('#'))
        .join('\n');
      expect([file, later.filter(([pattern]) => pattern.test(code)).map(([, what]) => what)]).toEqual([file, []]);
      const parsed = await new Promise<number>((resolve) => execFile('bash', ['-n', join(REPO_ROOT, file)], (error) => resolve(error ? 1 : 0)));
      expect([file, parsed]).toEqual([file, 0]);
    }
  });
});
