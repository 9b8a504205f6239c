import { createServer } from 'node:net';
import { freePort } from './redis-server';
import { RunningProcess, startProcess, waitForHttp } from './processes';

export const SANDBOX_TOKENS = {
  joom: 'test-joom-token-0001',
  akinon: 'test-akinon-token-0001',
  flexport: 'test-flexport-token-0001',
};

/** The built sandbox (dist/apps/sandbox/main.js) as its own process on a loopback port. */
export interface SandboxHandle {
  url: string;
  process: RunningProcess;
  /** Calls the control plane: `control('POST', '/reset')`, `control('GET', '/side-effects?api=joom-v2')`. */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startSandbox(env: Record<string, string> = {}): Promise<SandboxHandle> {
  return (await startSandboxStores(1, env))[0];
}

/**
 * One sandbox process serving `count` stores (SANDBOX_STORES, docs/api-decisions.md
 * AC-6), each on its own port with its own state and control plane: a handle per
 * store. Stopping any of them stops the process, so every store.
 */
export async function startSandboxStores(count: number, env: Record<string, string> = {}): Promise<SandboxHandle[]> {
  const port = count === 1 ? await freePort() : await freePortRun(count);
  const process = startProcess('sandbox', {
    PORT: String(port),
    SANDBOX_STORES: String(count),
    JOOM_ACCESS_TOKEN: SANDBOX_TOKENS.joom,
    AKINON_API_TOKEN: SANDBOX_TOKENS.akinon,
    FLEXPORT_API_TOKEN: SANDBOX_TOKENS.flexport,
    SANDBOX_SEED_COUNT: '50',
    ...env,
  });
  const handles = Array.from({ length: count }, (_, i) => sandboxHandle(`http://127.0.0.1:${port + i}`, process));
  for (const handle of handles) await waitForHttp(`${handle.url}/__sandbox/health`);
  return handles;
}

function sandboxHandle(url: string, process: RunningProcess): SandboxHandle {
  return {
    url,
    process,
    async control<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${url}/__sandbox${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`sandbox ${method} ${path} → ${response.status}: ${await response.text()}`);
      return (response.status === 204 ? undefined : await response.json()) as T;
    },
    async stop() {
      await process.stop();
    },
  };
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The first of `count` consecutive free ports: a sandbox's stores listen on PORT, PORT+1, … */
export async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort();
    let free = port + count - 1 <= 65535;
    for (let i = 1; free && i < count; i++) free = await portIsFree(port + i);
    if (free) return port;
  }
  throw new Error(`no ${count} consecutive free ports`);
}
