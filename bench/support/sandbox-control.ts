/**
 * The sandbox's `/__sandbox` control plane, as far as the bench needs it.
 * Seeding drops the API's data and restores its default quotas, so every
 * seed is followed by lifting Joom's quotas: the bench measures the gateway
 * and the baselines, not the sandbox's 2000/min and 50 list calls/min
 * (the gateway's own limiter still applies — that is part of what is measured).
 */
export class SandboxControl {
  constructor(readonly url: string) {}

  /** `count` Joom v3 orders generated from `seed` (the same seed always gives the same orders). */
  async seedJoom(count: number, seed: number): Promise<void> {
    await this.post('/seed', { api: 'joom-v3', count, seed });
    await this.post('/joom-v3/actions/set-rate-limit', { perMinute: 100_000_000, listPerMinute: 100_000_000 });
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}/__sandbox${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox POST ${path} → ${response.status}: ${await response.text()}`);
    return response.json();
  }
}

/**
 * Seeded orders are 45 % approved and 20 % online-only; this many seeded
 * orders hold at least `wanted` that can be fulfilled with tracking.
 */
export function seedCountFor(wanted: number): number {
  return Math.ceil(wanted / 0.3) + 50;
}
