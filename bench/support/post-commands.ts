import { Agent, request } from 'node:http';

export interface CommandRequest {
  path: string;
  body: unknown;
}

/**
 * POSTs every command to `baseUrl` with at most `inFlight` requests open at
 * a time, over as many keep-alive connections (node:http: the cheapest
 * client for the harness, which shares the cores with what it measures).
 * Resolves when every one was answered 202; throws on the first other answer.
 */
export async function postCommands(baseUrl: string, commands: readonly CommandRequest[], headers: Record<string, string>, inFlight: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  let next = 0;
  let failure: Error | null = null;
  const lane = async () => {
    while (next < commands.length && !failure) {
      const command = commands[next++];
      const answer = await post(agent, new URL(command.path, baseUrl), JSON.stringify(command.body), headers);
      if (answer.status !== 202) failure ??= new Error(`POST ${command.path} → ${answer.status}: ${answer.text.slice(0, 300)}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(inFlight, commands.length) }, lane));
  } finally {
    agent.destroy();
  }
  if (failure) throw failure;
}

function post(agent: Agent, url: URL, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
