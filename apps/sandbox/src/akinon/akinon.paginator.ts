import type { Request } from 'express';
import { AkinonError } from './akinon.errors';

export const DEFAULT_PAGE_SIZE = 10;
/** DRF's `max_page_size`: a larger `limit` is silently capped, as DRF does. */
export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/**
 * Django REST framework's PageNumberPagination with `limit` as the page-size
 * param: `next` / `previous` are absolute URLs with the query params sorted,
 * page 1 is linked without a `page` param, and a page past the end is a 404.
 * `origin` is the scheme + host of those links (see publicOrigin).
 */
export function paginate<T>(rows: T[], req: Request, origin: string): Page<T> {
  const url = new URL(req.originalUrl, origin);
  const limit = pageSize(url.searchParams.get('limit'));
  const pageParam = url.searchParams.get('page');
  const page = pageParam === null || pageParam === '' ? 1 : /^\d+$/.test(pageParam) ? Number(pageParam) : NaN;
  const pages = Math.max(1, Math.ceil(rows.length / limit));
  if (!Number.isInteger(page) || page < 1 || page > pages) throw new AkinonError(404, { detail: 'Invalid page.' });
  return {
    count: rows.length,
    next: page < pages ? linkTo(url, page + 1) : null,
    previous: page > 1 ? linkTo(url, page - 1) : null,
    results: rows.slice((page - 1) * limit, page * limit),
  };
}

function pageSize(raw: string | null): number {
  // DRF ignores an invalid or non-positive page size and falls back to the default.
  if (raw === null || !/^\d+$/.test(raw) || Number(raw) < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(Number(raw), MAX_PAGE_SIZE);
}

function linkTo(current: URL, page: number): string {
  const params = new URLSearchParams(current.searchParams);
  params.delete('page');
  if (page > 1) params.set('page', String(page));
  params.sort();
  const query = params.toString();
  return `${current.origin}${current.pathname}${query ? `?${query}` : ''}`;
}
