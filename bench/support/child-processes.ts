import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A process the bench started: its output goes to a file, never through the harness (a pipe would cost the harness CPU under load). */
export interface BenchProcess {
  name: string;
  pid: number;
  logFile: string;
  exited: Promise<number | null>;
  hasExited(): boolean;
  log(): string;
  stop(): Promise<void>;
}

/** Every child still running, so an error or Ctrl-C never leaves one behind. */
const running = new Set<ChildProcess>();
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
process.once('exit', killAllChildren);

const STOP_GRACE_MS = 10_000;

export interface SpawnOptions {
  name: string;
  /** node arguments before the script (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  script: string;
  env: Record<string, string>;
  cwd: string;
  logDir: string;
}

export function spawnNode(options: SpawnOptions): BenchProcess {
  if (!existsSync(options.script)) throw new Error(`${options.script} is missing: run \`npm run build\` first`);
  const logFile = join(options.logDir, `${options.name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  running.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return {
    name: options.name,
    pid: child.pid!,
    logFile,
    exited,
    hasExited: () => child.exitCode !== null || child.signalCode !== null,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    // SIGTERM drains (and lets --cpu-prof write its profile); SIGKILL only if that hangs.
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

export async function waitForLog(child: BenchProcess, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(child.log())) {
    if (Date.now() > deadline) throw new Error(`${child.name}: no ${pattern} within ${timeoutMs} ms; log tail:\n${child.log().slice(-2000)}`);
    if (child.hasExited()) throw new Error(`${child.name} exited; log tail:\n${child.log().slice(-2000)}`);
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
