/**
 * The sandbox's Joom OAuth app (docs/api-decisions.md OA-8). Without one the
 * sandbox accepts only the static `JOOM_ACCESS_TOKEN`; with one it
 * issues expiring access tokens from `/api/v2/oauth/refresh_token` and
 * rotates the refresh token on every refresh.
 */
export interface JoomOAuthSetup {
  clientId: string;
  clientSecret: string;
  /** The first refresh token (the grant a merchant's authorization produced). */
  refreshToken: string;
  /** Each access token answers this many calls, then 401s; 0 = no call limit. */
  accessTokenCalls: number;
  /** Each access token lives this long (ms); 0 = the default of 30 days. */
  accessTokenTtlMs: number;
  /** Whether the static `JOOM_ACCESS_TOKEN` keeps working next to issued tokens (default false: it is an expired token). */
  acceptStaticToken: boolean;
}

export const DEFAULT_ACCESS_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

/** `JOOM_CLIENT_ID`, `JOOM_CLIENT_SECRET`, `JOOM_REFRESH_TOKEN` (the gateway's names) plus the sandbox's expiry knobs. */
export function joomOAuthSetupFrom(env: NodeJS.ProcessEnv, intFrom: (name: string, fallback: number) => number): JoomOAuthSetup | null {
  const [clientId, clientSecret, refreshToken] = [env.JOOM_CLIENT_ID, env.JOOM_CLIENT_SECRET, env.JOOM_REFRESH_TOKEN];
  if (!clientId && !clientSecret && !refreshToken) return null;
  if (!clientId || !clientSecret || !refreshToken) throw new Error('JOOM_CLIENT_ID, JOOM_CLIENT_SECRET and JOOM_REFRESH_TOKEN must be set together');
  return {
    clientId,
    clientSecret,
    refreshToken,
    accessTokenCalls: intFrom('SANDBOX_JOOM_TOKEN_CALLS', 0),
    accessTokenTtlMs: intFrom('SANDBOX_JOOM_TOKEN_TTL_MS', 0),
    acceptStaticToken: false,
  };
}

/** The control plane's body for `PUT /__sandbox/joom-oauth`; throws a message naming the bad field. */
export function parseJoomOAuthSetup(input: Record<string, unknown>): JoomOAuthSetup {
  const text = (name: string): string => {
    const value = input[name];
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`"${name}" must be a non-empty string`);
    return value;
  };
  const integer = (name: string, max: number): number => {
    const value = input[name] ?? 0;
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > max) throw new Error(`"${name}" must be an integer 0..${max}`);
    return value as number;
  };
  const known = new Set(['clientId', 'clientSecret', 'refreshToken', 'accessTokenCalls', 'accessTokenTtlMs', 'acceptStaticToken']);
  const unknown = Object.keys(input).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`unknown OAuth setting(s): ${unknown.join(', ')}`);
  if (input.acceptStaticToken !== undefined && typeof input.acceptStaticToken !== 'boolean') throw new Error('"acceptStaticToken" must be a boolean');
  return {
    clientId: text('clientId'),
    clientSecret: text('clientSecret'),
    refreshToken: text('refreshToken'),
    accessTokenCalls: integer('accessTokenCalls', 1_000_000_000),
    accessTokenTtlMs: integer('accessTokenTtlMs', 365 * 24 * 3600 * 1000),
    acceptStaticToken: input.acceptStaticToken === true,
  };
}
