import { ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertRedisInstalled, freePort, launch, removeDir, terminate } from './redis-server';

const MASTERS = 3;

/** A local Redis Cluster of three masters on loopback ports (no replicas: tests need slots, not failover). */
export interface RedisClusterHandle {
  /** `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3`, the REDIS_URL the gateway reads. */
  url: string;
  nodes: { port: number; pid: number; dir: string }[];
  stop(): Promise<void>;
}

export async function startRedisCluster(): Promise<RedisClusterHandle> {
  assertRedisInstalled();
  const started: { port: number; dir: string; child: ChildProcess }[] = [];
  for (let i = 0; i < MASTERS; i++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'gw-redis-cluster-'));
    const child = await launch(port, dir, ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000']);
    started.push({ port, dir, child });
  }
  const addresses = started.map(({ port }) => `127.0.0.1:${port}`);
  // redis-cli ships with Debian's redis-server; it assigns the 16384 slots and joins the nodes.
  execFileSync('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { stdio: 'ignore', timeout: 30_000 });
  await waitUntilClusterOk(started.map(({ port }) => port));
  return {
    url: `redis+cluster://${addresses.join(',')}`,
    nodes: started.map(({ port, dir, child }) => ({ port, dir, pid: child.pid! })),
    async stop() {
      await Promise.all(started.map(({ child }) => terminate(child)));
      for (const { dir } of started) removeDir(dir);
    },
  };
}

/** Every node must see all slots covered before clients connect, or their first commands fail. */
async function waitUntilClusterOk(ports: number[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const states = ports.map((port) => execFileSync('redis-cli', ['-p', String(port), 'cluster', 'info'], { encoding: 'utf8' }));
    if (states.every((info) => info.includes('cluster_state:ok'))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`redis cluster on ports ${ports.join(', ')} never reached cluster_state:ok`);
}
