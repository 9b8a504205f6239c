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
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process = startProcess('sandbox', {
    PORT: String(port),
    JOOM_ACCESS_TOKEN: SANDBOX_TOKENS.joom,
    AKINON_API_TOKEN: SANDBOX_TOKENS.akinon,
    FLEXPORT_API_TOKEN: SANDBOX_TOKENS.flexport,
    SANDBOX_SEED_COUNT: '50',
    ...env,
  });
  await waitForHttp(`${url}/__sandbox/health`);
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
