import { SeededRandom } from '../core/prng';

/**
 * The order a list endpoint returns rows in when the client asks for none.
 * The document lists no `ordering` parameter and says nothing about order
 * (DRF ignores unknown parameters), so a client must work under any of
 * these (docs/api-decisions.md AK-5):
 * - `insertion`: oldest first, the store's order (the default);
 * - `-updated_at`: most recently changed first (plans: newest first);
 * - `shuffled`: a new permutation on every request.
 */
export const AKINON_LIST_ORDERS = ['insertion', '-updated_at', 'shuffled'] as const;
export type AkinonListOrder = (typeof AKINON_LIST_ORDERS)[number];

export function listInOrder<T>(rows: T[], order: AkinonListOrder, random: SeededRandom): T[] {
  if (order === 'insertion') return rows;
  if (order === '-updated_at') {
    const stamp = (row: T): number => {
      const { updated_at, created_at } = row as { updated_at?: string; created_at?: string };
      const time = Date.parse(updated_at ?? created_at ?? '');
      return Number.isNaN(time) ? 0 : time;
    };
    // Each row's time parsed once, not per comparison. Array.prototype.sort is stable: rows without a time keep their insertion order.
    const stamped = rows.map((row) => ({ row, time: stamp(row) }));
    return stamped.sort((a, b) => b.time - a.time).map(({ row }) => row);
  }
  const shuffled = [...rows];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled;
}
