import { Injectable } from '@nestjs/common';
import { SandboxApi } from './simulator';

/** Kinds of effective (state-changing, externally visible) side effects. */
export type SideEffectKind = 'fulfill' | 'fulfill_online' | 'modify_tracking' | 'refund' | 'cancel' | 'reject' | 'flexport_order_created' | 'flexport_order_cancelled' | 'flexport_order_retried';

/**
 * Counts every *effective* side effect per (api, order, kind). A refused or
 * replayed call records nothing: tests use these counters to prove that no
 * command was carried out twice.
 */
@Injectable()
export class SideEffectLedger {
  private readonly counts = new Map<string, number>();

  record(api: SandboxApi, orderRef: string, kind: SideEffectKind): void {
    const key = `${api}|${orderRef}|${kind}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** All counters, optionally narrowed to one api and/or one order. */
  list(filter: { api?: SandboxApi; orderRef?: string } = {}): SideEffectCount[] {
    const rows: SideEffectCount[] = [];
    for (const [key, count] of this.counts) {
      const [api, orderRef, kind] = key.split('|') as [SandboxApi, string, SideEffectKind];
      if (filter.api && filter.api !== api) continue;
      if (filter.orderRef && filter.orderRef !== orderRef) continue;
      rows.push({ api, orderRef, kind, count });
    }
    return rows;
  }

  clear(api?: SandboxApi): void {
    if (!api) return this.counts.clear();
    for (const key of [...this.counts.keys()]) if (key.startsWith(`${api}|`)) this.counts.delete(key);
  }
}

export interface SideEffectCount {
  api: SandboxApi;
  orderRef: string;
  kind: SideEffectKind;
  count: number;
}
