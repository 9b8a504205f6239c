import { ChannelOrder, SalesChannelAdapter } from '@app/adapters';
import { SandboxHandle } from './sandbox-process';

/** One entry of the sandbox's call log. */
export interface SandboxCall {
  seq: number;
  /** When the request arrived (ISO). */
  time: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** The HTTP status answered (null when the connection was dropped or hung). */
  status: number | null;
  /** The `x-correlation-id` the sandbox answered with (Flexport's calls), else null. */
  correlationId: string | null;
  /** From arrival to answer. */
  durationMs: number;
}

/** What one simulated API of the sandbox saw: its call log and its side-effect ledger. */
export interface SandboxObserver {
  /** How many effective `kind` changes the API made to `orderRef`. */
  effects(orderRef: string, kind: string): Promise<number>;
  /** Calls after `since` (a call's `seq`), oldest first. */
  calls(since?: number): Promise<SandboxCall[]>;
  /** The newest call's `seq` (0 when none). */
  lastSeq(): Promise<number>;
}

/** `sandbox` is a getter: suites start their sandbox in `beforeAll`, after this is created. */
export function observeSandbox(sandbox: () => SandboxHandle, api: string): SandboxObserver {
  const calls = async (since = 0) => (await sandbox().control<{ calls: SandboxCall[] }>('GET', `/calls?api=${api}&since=${since}`)).calls;
  return {
    async effects(orderRef, kind) {
      const { sideEffects } = await sandbox().control<{ sideEffects: { kind: string; count: number }[] }>('GET', `/side-effects?api=${api}&orderRef=${orderRef}`);
      return sideEffects.find((row) => row.kind === kind)?.count ?? 0;
    },
    calls,
    async lastSeq() {
      return (await calls()).at(-1)?.seq ?? 0;
    },
  };
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => Promise.reject(new Error('expected a failure')),
    (error: Error) => error,
  );
}

/** Reads every page from `cursor`, with a fresh adapter from `adapter()` (a "restart") for every page. */
export async function drainChanges(adapter: () => SalesChannelAdapter, cursor: string | null, limit: number) {
  const seen: ChannelOrder[] = [];
  let resume: string;
  let pages = 0;
  do {
    const page = await adapter().listChangedOrders(cursor, { limit });
    seen.push(...page.orders);
    cursor = page.nextCursor;
    resume = page.resumeCursor;
    pages += 1;
  } while (cursor !== null);
  return { seen, resume, pages };
}
