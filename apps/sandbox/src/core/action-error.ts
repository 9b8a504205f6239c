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

/*
 * Readers for `act()` params: they arrive as untyped JSON, and a wrong one must
 * say which param and why (ActionError → HTTP 400 on the control plane)
 * instead of corrupting an order.
 */

export function requiredString(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value.trim() === '') throw new ActionError(`param "${name}" must be a non-empty string`);
  return value;
}

export function optionalString(params: Record<string, unknown>, name: string): string | undefined {
  if (params[name] === undefined || params[name] === null) return undefined;
  return requiredString(params, name);
}

export function optionalPositiveInt(params: Record<string, unknown>, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ActionError(`param "${name}" must be a positive integer`);
  }
  return value;
}
