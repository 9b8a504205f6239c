import { RemoteRefusedError } from '@app/adapters';
import { CanonicalOrder, CapabilityUnsupportedError, CHANNEL_CAPABILITIES, ChannelProfile, LineNotFoundError, OrderAction } from '@app/orders';

/**
 * Joom has no idempotency keys, so every non-idempotent command is guarded by
 * reading the order first:
 * 1. the order already shows the effect → `alreadyDone`, nothing is sent
 *    (skipped on a command's first attempt, which nothing can have preceded:
 *    half the calls, and Joom refuses a repeated effect anyway, see 3.);
 * 2. otherwise send; a transient failure propagates (the retry reads first);
 * 3. on a refusal, read once more: a concurrent duplicate may have done it
 *    (→ `alreadyDone`); if not, the refusal with Joom's own message stands.
 */
export interface GuardedCommand<R> {
  read(): Promise<R>;
  isDone(remote: R): boolean;
  /** Sends the command; may answer the order as it is now, and facts worth keeping. */
  send(): Promise<{ order?: R; details?: Record<string, unknown> }>;
}

export interface GuardedResult<R> {
  alreadyDone: boolean;
  remote: R;
  details?: Record<string, unknown>;
}

export async function runGuarded<R>(command: GuardedCommand<R>, options: { readFirst: boolean } = { readFirst: true }): Promise<GuardedResult<R>> {
  if (options.readFirst) {
    const before = await command.read();
    if (command.isDone(before)) return { alreadyDone: true, remote: before };
  }
  let sent: Awaited<ReturnType<GuardedCommand<R>['send']>>;
  try {
    sent = await command.send();
  } catch (error) {
    if (!(error instanceof RemoteRefusedError)) throw error;
    const after = await command.read();
    if (command.isDone(after)) return { alreadyDone: true, remote: after };
    throw error;
  }
  return { alreadyDone: false, remote: sent.order ?? (await command.read()), details: sent.details };
}

/**
 * A Joom order is one line, so a reject acts on the whole order. Naming any
 * line the order does not have is refused before any HTTP call.
 */
export function assertRejectLines(order: Pick<CanonicalOrder, 'lines'>, lineIds: readonly string[] | undefined): string[] {
  const known = order.lines.map((line) => line.id);
  const unknown = (lineIds ?? []).filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new LineNotFoundError(unknown);
  return known;
}

/** The canonical line id of a Joom order's one line. */
export function joomLineId(externalId: string): string {
  return `ln_${externalId}`;
}

/** A command the profile lacks (the capability table) is refused before any HTTP call. */
export function assertCapable(profile: ChannelProfile, action: OrderAction): void {
  if (!CHANNEL_CAPABILITIES[profile].includes(action)) throw new CapabilityUnsupportedError(profile, action);
}

/** Tracking numbers are alphanumeric; Joom may echo them in another case. */
export function sameTracking(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a && b && a.trim().toUpperCase() === b.trim().toUpperCase());
}
