import { InvalidCursorError } from './store-errors';

const LISTING_KEY = /^\d{15}:ord_[0-9a-f]{24}$/;

/** Cursors are opaque to clients: the base64url of the last listing key examined. */
export function encodeCursor(listingKey: string): string {
  return Buffer.from(listingKey, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!LISTING_KEY.test(key)) throw new InvalidCursorError();
  return key;
}
