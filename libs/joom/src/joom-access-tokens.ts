/**
 * Where the Joom clients get the access token for a call. A static
 * `JOOM_ACCESS_TOKEN` never changes; the OAuth token manager refreshes and
 * rotates (docs/api-decisions.md OA-2).
 */
export interface JoomAccessTokens {
  /** The token for the next call. */
  current(): Promise<string>;
  /**
   * Joom answered 401 to `rejected`: a newer token to retry the call with
   * once, or null when there is none to get (a static token).
   */
  renewAfterRefusal(rejected: string): Promise<string | null>;
}

/** `JOOM_ACCESS_TOKEN` alone: a 401 stays a refusal, as when OAuth is not configured. */
export class StaticJoomToken implements JoomAccessTokens {
  constructor(private readonly token: string) {}

  async current(): Promise<string> {
    return this.token;
  }

  async renewAfterRefusal(): Promise<string | null> {
    return null;
  }
}
