import { InvalidCursorError } from './store-errors';

const POSITION = /^h1:(0|[1-9]\d{0,14})$/;

/**
 * History cursors are opaque to clients: the base64url of the absolute
 * position (entries ever trimmed + index) of the next entry, which stays
 * put when the oldest entries are trimmed.
 */
export function encodeHistoryCursor(position: number): string {
  return Buffer.from(`h1:${position}`, 'utf8').toString('base64url');
}

export function decodeHistoryCursor(cursor: string): number {
  const match = POSITION.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || encodeHistoryCursor(Number(match[1])) !== cursor) throw new InvalidCursorError();
  return Number(match[1]);
}
