import { Agent, request } from 'node:http';

/** One GET over a keep-alive agent: status, body and the time to the last byte (ms, hrtime). */
export function timedGet(agent: Agent, url: string, headers: Record<string, string>): Promise<{ status: number; body: string; ms: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A list page's `nextCursor`, read from the end of the body without parsing the items (it is the last key). */
export function nextCursorOf(body: string): string | null {
  const match = /"nextCursor":(null|"([^"]*)")\}$/.exec(body.slice(-300));
  if (!match) throw new Error(`not a list page: …${body.slice(-200)}`);
  return match[2] ?? null;
}
