import { RemoteTransientError } from '@app/adapters';
import { AkinonClient, AkinonQuery } from './akinon.client';

/** Pages of one window read per pass; at 100 a page, far beyond any real window (see the feed). */
const MAX_WINDOW_PAGES = 50;
/**
 * Passes over a window before giving up for this run: a window that keeps
 * changing, or a server that lists rows in a new order on every request
 * (each steady pass then adds the rows it had not shown yet).
 */
const MAX_PASSES = 12;

export interface WindowRead<T> {
  rows: T[];
  serverTime: string | null;
}

/**
 * Reads every row of one filtered window, whatever order the server lists
 * them in (docs/api-decisions.md AK-5). One request when the window fits a
 * page. Otherwise page by page: a pass whose `count` changed on the way (a
 * row left or entered and shifted the pages) does not count, and the window
 * is read again; it counts as read once steady passes with the same `count`
 * have together shown that many distinct rows. Every row seen is returned,
 * deduped by id (one that left the window meanwhile is read again in a later
 * one). A window that never settles is a transient failure: the run stops
 * and the next one resumes at this window.
 *
 * `growOnly`: rows never leave the window (a `created_at__date` day), they
 * can only be added (today's plans). Then a pass whose count only grew
 * counts, and the window is read once the rows seen cover the count at that
 * pass's start; rows added meanwhile are read by the next run's look-back.
 */
export async function readWindow<T extends { id: string }>(client: AkinonClient, path: string, filters: AkinonQuery, limit: number, options: { growOnly?: boolean } = {}): Promise<WindowRead<T>> {
  const seen = new Map<string, T>();
  let steadyIds = new Set<string>();
  let steadyCount: number | null = null;
  let serverTime: string | null = null;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const passIds = new Set<string>();
    let count: number | null = null;
    let steady = true;
    for (let page = 1; page <= MAX_WINDOW_PAGES; page++) {
      const answer = await client.list<T>(path, { ...filters, limit, page });
      if (!answer) {
        steady = false; // the window shrank past this page
        break;
      }
      serverTime ??= answer.serverTime;
      if (count === null) count = answer.data.count;
      else if (answer.data.count < count || (answer.data.count > count && !options.growOnly)) steady = false;
      for (const row of answer.data.results) {
        seen.set(row.id, row);
        passIds.add(row.id);
      }
      if (!answer.data.next || answer.data.results.length === 0) break;
    }
    if (!steady || count === null) continue;
    if (options.growOnly && seen.size >= count) return { rows: [...seen.values()], serverTime };
    if (count !== steadyCount) {
      steadyIds = new Set();
      steadyCount = count;
    }
    for (const id of passIds) steadyIds.add(id);
    if (steadyIds.size >= count) return { rows: [...seen.values()], serverTime };
  }
  throw new RemoteTransientError('akinon', `akinon: ${path} window ${JSON.stringify(filters)} kept changing while it was paged`, null, null);
}
