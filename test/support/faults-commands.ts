import { CanonicalOrder } from '@app/orders';
import { TEST_API_KEY } from './api-fixture';
import { mapLimit } from './faults-pool';

/** The one effect a command must leave at the sandbox (its side-effect ledger), at most once. */
export interface ExpectedEffect {
  api: 'joom-v3' | 'akinon' | 'flexport';
  /** The ledger's order reference: Joom / Akinon id, or the gateway id (Flexport's externalOrderId). */
  orderRef: string;
  kind: 'fulfill' | 'cancel' | 'reject' | 'flexport_order_created';
  /** How many ledger counts one effective run makes (Akinon records one per rejected item). */
  count: number;
}

/** A command a scenario sends, and what it must do at the other end. */
export interface PlannedCommand {
  order: CanonicalOrder;
  name: 'fulfill' | 'cancel' | 'reject';
  body: Record<string, unknown>;
  effect: ExpectedEffect;
  idempotencyKey?: string;
}

/* Test-data builders: one per kind of command the suite sends. */

let trackingSerial = 0;

export function fulfilWithTracking(order: CanonicalOrder): PlannedCommand {
  const trackingNumber = `JD${String(Date.now()).slice(-8)}${String(trackingSerial++).padStart(6, '0')}`;
  return { order, name: 'fulfill', body: { mode: 'tracking', carrier: 'DHL', trackingNumber }, effect: { api: 'joom-v3', orderRef: order.externalId, kind: 'fulfill', count: 1 } };
}

export function fulfilViaFlexport(order: CanonicalOrder): PlannedCommand {
  return { order, name: 'fulfill', body: { mode: 'flexport' }, effect: { api: 'flexport', orderRef: order.id, kind: 'flexport_order_created', count: 1 } };
}

/** Akinon: every item rejected, one ledger entry each. */
export function rejectAkinon(order: CanonicalOrder): PlannedCommand {
  return { order, name: 'reject', body: { reason: 'out_of_stock' }, effect: { api: 'akinon', orderRef: order.externalId, kind: 'reject', count: order.lines.length } };
}

export function cancelJoom(order: CanonicalOrder): PlannedCommand {
  return { order, name: 'cancel', body: { reason: 'customer_request' }, effect: { api: 'joom-v3', orderRef: order.externalId, kind: 'cancel', count: 1 } };
}

/** What the api answered to one POST. */
export interface Submission {
  command: PlannedCommand;
  status: number;
  jobId: string | null;
  /** The error code of a refusal (409, 503…). */
  code: string | null;
  /** When the api answered (ms epoch). */
  at: number;
}

/** POSTs one command to the api over real HTTP; network errors count as status 0. */
export async function submit(apiUrl: string, command: PlannedCommand): Promise<Submission> {
  const headers: Record<string, string> = { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' };
  if (command.idempotencyKey) headers['Idempotency-Key'] = command.idempotencyKey;
  try {
    const response = await fetch(`${apiUrl}/v1/orders/${command.order.id}/${command.name}`, { method: 'POST', headers, body: JSON.stringify(command.body), signal: AbortSignal.timeout(15_000) });
    const body = (await response.json().catch(() => ({}))) as { jobId?: string; code?: string };
    return { command, status: response.status, jobId: body.jobId ?? null, code: body.code ?? null, at: Date.now() };
  } catch (error) {
    return { command, status: 0, jobId: null, code: (error as Error).name, at: Date.now() };
  }
}

export function submitAll(apiUrl: string, commands: readonly PlannedCommand[], concurrency = 12): Promise<Submission[]> {
  return mapLimit(commands, concurrency, (command) => submit(apiUrl, command));
}

/** Sends commands at a steady pace (as traffic keeps arriving during a fault), `perSecond` at most, up to 8 in flight. */
export async function submitPaced(apiUrl: string, commands: readonly PlannedCommand[], perSecond: number): Promise<Submission[]> {
  const started = Date.now();
  return mapLimit(commands, 8, async (command, i) => {
    const due = started + (i * 1000) / perSecond;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    return submit(apiUrl, command);
  });
}

/**
 * The usual mix of a scenario: the first `perKind` Joom orders fulfilled with
 * tracking, the other Joom orders via Flexport, every Akinon order rejected —
 * interleaved, so every system's queue has work for the whole run.
 */
export function mixedCommands(orders: { joom: CanonicalOrder[]; akinon: CanonicalOrder[] }, perKind: number): PlannedCommand[] {
  return interleave(orders.joom.slice(0, perKind).map(fulfilWithTracking), orders.joom.slice(perKind).map(fulfilViaFlexport), orders.akinon.map(rejectAkinon));
}

/** Interleaves lists (a, b, c, a, b, c…), so every system's queue has work for the whole run. */
export function interleave<T>(...lists: T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(...lists.map((list) => list.length)); i++) for (const list of lists) if (i < list.length) out.push(list[i]);
  return out;
}
