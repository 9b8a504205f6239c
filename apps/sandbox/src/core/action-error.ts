/**
 * Thrown by `Simulator.act()` when the params are wrong (400), the target does
 * not exist (404) or the target's state forbids the change (409). The control
 * plane turns it into that HTTP status; any other Error from act() becomes 400.
 */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
  }
}

/** Reads a required string param of an action, or throws ActionError(400). */
export function requireString(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw new ActionError(`"${name}" is required (string)`);
  return value;
}
