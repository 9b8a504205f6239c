/**
 * `REDIS_URL` names either one Redis or a Redis Cluster:
 *
 *   redis://[user:password@]host:port[/db]        one Redis (rediss:// for TLS)
 *   redis+cluster://[user:password@]host:port,host:port,…   a Cluster, seed nodes
 *
 * Both the store and the queues read it through `parseRedisUrl`, so they can
 * never disagree on where the data lives.
 */
export type RedisTarget = { kind: 'single'; url: string } | { kind: 'cluster'; nodes: { host: string; port: number }[]; username?: string; password?: string; tls: boolean };

const CLUSTER_SCHEMES = ['redis+cluster:', 'rediss+cluster:'];

export function isClusterUrl(url: string): boolean {
  return CLUSTER_SCHEMES.some((scheme) => url.startsWith(`${scheme}//`));
}

export function parseRedisUrl(url: string): RedisTarget {
  if (!isClusterUrl(url)) return { kind: 'single', url };
  const tls = url.startsWith('rediss+');
  const rest = url.slice(url.indexOf('//') + 2).replace(/\/$/, '');
  const at = rest.lastIndexOf('@');
  const credentials = at >= 0 ? rest.slice(0, at) : '';
  const hosts = at >= 0 ? rest.slice(at + 1) : rest;
  const [user, pass] = credentials.includes(':') ? credentials.split(/:(.*)/s) : [credentials, ''];
  const nodes = hosts.split(',').map((hostPort) => {
    const colon = hostPort.lastIndexOf(':');
    return colon < 0 ? { host: hostPort, port: 6379 } : { host: hostPort.slice(0, colon), port: Number(hostPort.slice(colon + 1)) };
  });
  return {
    kind: 'cluster',
    nodes,
    username: user ? decodeURIComponent(user) : undefined,
    password: pass ? decodeURIComponent(pass) : undefined,
    tls,
  };
}

/** Problems with a cluster URL, worded without its credentials. Empty when it is fine. */
export function clusterUrlProblems(url: string): string[] {
  const target = parseRedisUrl(url);
  if (target.kind === 'single') return [];
  const bad = target.nodes.some((node) => !node.host || !Number.isInteger(node.port) || node.port < 1 || node.port > 65535);
  return bad ? ['REDIS_URL must list cluster nodes as host:port separated by commas'] : [];
}

/**
 * BullMQ keeps each queue's keys together with a hash tag in its prefix; on a
 * Cluster every key of a queue must land in one slot, so the prefix needs one.
 */
export function hasHashTag(prefix: string): boolean {
  return /\{[^{}]+\}/.test(prefix);
}
