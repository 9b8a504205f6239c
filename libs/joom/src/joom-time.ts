/**
 * Joom times: v2 writes UTC without a zone ("2013-12-06T20:20:20"), v3 writes
 * RFC 3339. Both become ISO strings with a zone; a value that is not a time
 * is kept as sent rather than guessed.
 */
const ZONELESS = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

export function joomTimeToIso(value: string): string;
export function joomTimeToIso(value: string | null | undefined): string | null;
export function joomTimeToIso(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  const text = value.trim();
  // The documents say every time is UTC: a zoneless one must not be read as local time.
  const ms = Date.parse(ZONELESS.test(text) ? `${text.length === 10 ? `${text}T00:00:00` : text}Z` : text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

/** v2's `since` format: UTC to the second, no zone ("2014-01-20T20:10:20"). Floors, so it never skips. */
export function isoToV2Time(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().slice(0, 19);
}
