import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private redis-server on a loopback port, with AOF and `noeviction` like production. */
export interface RedisServerHandle {
  url: string;
  port: number;
  pid: number;
  dir: string;
  stop(): Promise<void>;
  /** Stops and starts again on the same port and data dir (AOF replays). */
  restart(): Promise<void>;
}

export function assertRedisInstalled(): void {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('redis-server is not installed: run `npm test` (it installs it) or `apt-get install -y redis-server`');
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startRedisServer(): Promise<RedisServerHandle> {
  assertRedisInstalled();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gw-redis-'));
  let child = await launch(port, dir);
  const handle: RedisServerHandle = {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    dir,
    async stop() {
      await terminate(child);
    },
    async restart() {
      await terminate(child);
      child = await launch(port, dir);
      handle.pid = child.pid!;
    },
  };
  return handle;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Starts redis-server on `port` with its data in `dir`; `extraArgs` add options (cluster mode). */
export async function launch(port: number, dir: string, extraArgs: string[] = []): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction', '--protected-mode', 'yes', ...extraArgs],
    { stdio: 'ignore' },
  );
  // The test runner must be able to exit even if a test forgets to stop it; teardown kills it.
  child.unref();
  await waitUntilReady(port);
  return child;
}

async function waitUntilReady(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await answersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not start on port ${port}`);
}

/** A bare RESP PING over a socket that is always destroyed, so no handle outlives the probe. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

export async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
