import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entrypoint, ROOT } from '../support/processes';
import { assertRedisInstalled, freePort } from '../support/redis-server';

/**
 * `npm start` (scripts/start.sh) stops every process it started — Redis, the
 * sandbox, the api, the worker and its log pipelines — on SIGTERM and when a
 * service dies at boot. The processes are found by walking /proc from the
 * script's pid while it runs, not from anything the script reports.
 */

/** A process seen under the script: its pid with its start time, so a reused pid never counts as a survivor. */
interface SeenProcess {
  pid: number;
  startTime: string;
  cmdline: string;
}

function stat(pid: number): { ppid: number; state: string; startTime: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields count from the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], ppid: Number(fields[1]), startTime: fields[19] };
  } catch {
    return undefined;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** Every live descendant of `root`, added to `seen`. */
function collectDescendants(root: number, seen: Map<string, SeenProcess>): void {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = stat(Number(entry));
    if (!info) continue;
    children.set(info.ppid, [...(children.get(info.ppid) ?? []), Number(entry)]);
  }
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const info = stat(pid);
    if (info && info.state !== 'Z') {
      // Re-read each time: a child seen between its fork and its exec still shows the script's command line.
      const current = cmdline(pid);
      if (current) seen.set(`${pid}:${info.startTime}`, { pid, startTime: info.startTime, cmdline: current });
    }
    queue.push(...(children.get(pid) ?? []));
  }
}

function stillRunning(seen: Map<string, SeenProcess>): SeenProcess[] {
  return [...seen.values()].filter((proc) => {
    const info = stat(proc.pid);
    return info !== undefined && info.startTime === proc.startTime && info.state !== 'Z';
  });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface StartedScript {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Every process seen under the script so far (refreshed every 50 ms while it runs). */
  seen: Map<string, SeenProcess>;
  ports: { api: number; sandbox: number; redis: number };
}

const started: StartedScript[] = [];
const dataDirs: string[] = [];

async function startScript(extraEnv: Record<string, string> = {}): Promise<StartedScript> {
  const ports = { api: await freePort(), sandbox: await freePort(), redis: await freePort(), worker: await freePort() };
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-start-'));
  dataDirs.push(dataDir);
  const child = spawn('bash', [join(ROOT, 'scripts', 'start.sh')], {
    cwd: ROOT,
    // No REDIS_URL: the script starts its private Redis, one of the processes it must stop.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      GATEWAY_SKIP_BUILD: '1',
      GATEWAY_DATA_DIR: dataDir,
      GATEWAY_REDIS_PORT: String(ports.redis),
      SANDBOX_PORT: String(ports.sandbox),
      PORT: String(ports.api),
      WORKER_HTTP_PORT: String(ports.worker),
      SANDBOX_SEED_COUNT: '10',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const seen = new Map<string, SeenProcess>();
  const watch = setInterval(() => collectDescendants(child.pid!, seen), 50);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      clearInterval(watch);
      resolve(code ?? (signal ? -1 : null));
    }),
  );
  const script = { child, output: () => output, exited, seen, ports };
  started.push(script);
  return script;
}

async function waitForOutput(script: StartedScript, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(script.output())) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${script.output().slice(-4000)}`);
    if (script.child.exitCode !== null) throw new Error(`start.sh exited with ${script.child.exitCode}:\n${script.output().slice(-4000)}`);
    await sleep(50);
  }
}

/** Waits until none of the seen processes runs, up to `timeoutMs`; returns the survivors. */
async function survivorsAfter(script: StartedScript, timeoutMs: number): Promise<SeenProcess[]> {
  const deadline = Date.now() + timeoutMs;
  let left = stillRunning(script.seen);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(50);
    left = stillRunning(script.seen);
  }
  return left;
}

function services(script: StartedScript): string[] {
  const commands = [...script.seen.values()].map((proc) => proc.cmdline);
  const apps = ['sandbox', 'api', 'worker'].filter((app) => commands.some((command) => command.includes(`dist/apps/${app}/main.js`)));
  return commands.some((command) => command.startsWith('redis-server')) ? ['redis', ...apps] : apps;
}

describe('npm start (scripts/start.sh) stops everything it started', () => {
  beforeAll(() => {
    assertRedisInstalled();
    entrypoint('api'); // dist/ must be built: the script runs with GATEWAY_SKIP_BUILD=1
  });

  afterAll(() => {
    // A failed assertion must not leave the stack running: kill what this file started.
    for (const script of started) {
      for (const leftover of stillRunning(script.seen)) {
        try {
          process.kill(leftover.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      if (script.child.exitCode === null) script.child.kill('SIGKILL');
    }
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('SIGTERM: within 10 s no process of the stack is left and its ports are free', async () => {
    const script = await startScript();
    await waitForOutput(script, /Gateway is up/, 30_000);
    collectDescendants(script.child.pid!, script.seen);
    expect(services(script)).toEqual(['redis', 'sandbox', 'api', 'worker']);
    // Its Redis is bounded (REDIS_MAXMEMORY, default 512mb as in docker-compose.yml) and refuses writes when full.
    const redisConfig = execFileSync('redis-cli', ['-p', String(script.ports.redis), 'CONFIG', 'GET', 'maxmemory*'], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(redisConfig).toEqual(expect.arrayContaining(['maxmemory', String(512 * 1024 * 1024), 'maxmemory-policy', 'noeviction']));

    const signalledAt = Date.now();
    script.child.kill('SIGTERM');
    const survivors = await survivorsAfter(script, 10_000);
    const code = await Promise.race([script.exited, sleep(10_000 - (Date.now() - signalledAt)).then(() => 'still running')]);
    const stopMs = Date.now() - signalledAt;

    expect(survivors.map((proc) => `${proc.pid} ${proc.cmdline}`)).toEqual([]);
    expect(code).toBe(143);
    expect(stopMs).toBeLessThan(10_000);
    for (const [name, port] of Object.entries(script.ports)) expect([name, await portIsFree(port)]).toEqual([name, true]);
    // The services' own last lines still come through their log pipelines.
    expect(script.output()).toMatch(/\[worker\].*SIGTERM received: draining/);
  }, 45_000);

  it('a service that dies at boot: the script exits non-zero and leaves no process behind', async () => {
    // API_KEYS entries must be at least 16 characters: the api and the worker refuse to start.
    const script = await startScript({ API_KEYS: 'short' });
    const code = await Promise.race([script.exited, sleep(20_000).then(() => 'still running')]);
    expect(code).toBe(1);
    expect(script.output()).toMatch(/exited while starting/);
    expect(script.output()).toContain('API_KEYS');
    // The stack was partly up when the service died: Redis and the sandbox were started and must be gone.
    expect(services(script)).toEqual(expect.arrayContaining(['redis', 'sandbox']));
    const survivors = await survivorsAfter(script, 1_000);
    expect(survivors.map((proc) => `${proc.pid} ${proc.cmdline}`)).toEqual([]);
    for (const [name, port] of Object.entries(script.ports)) expect([name, await portIsFree(port)]).toEqual([name, true]);
  }, 30_000);

  it('an unknown GATEWAY_EXAMPLE: the script exits non-zero before starting anything, naming the examples there are', async () => {
    const script = await startScript({ GATEWAY_EXAMPLE: 'three-stores' });
    const code = await Promise.race([script.exited, sleep(10_000).then(() => 'still running')]);
    expect(code).toBe(1);
    expect(script.output()).toMatch(/GATEWAY_EXAMPLE: no example "three-stores"; deploy\/examples\/ has: two-stores/);
    expect(services(script)).toEqual([]);
  }, 15_000);

  it('a malformed REDIS_MAXMEMORY: the script exits non-zero before starting anything', async () => {
    const script = await startScript({ REDIS_MAXMEMORY: 'lots' });
    const code = await Promise.race([script.exited, sleep(10_000).then(() => 'still running')]);
    expect(code).toBe(1);
    expect(script.output()).toContain('REDIS_MAXMEMORY must be a size');
    expect(services(script)).toEqual([]);
  }, 15_000);
});
