/*
 * Query strings hold text; these turn the few typed parameters into their
 * types, strictly. Anything that is not exactly the expected spelling is
 * passed on unchanged, so the field's own validators refuse it and name it.
 */

const DECIMAL_INTEGER = /^-?\d{1,16}$/;

/**
 * `"50"` → 50. `Number()` alone would also read `"0x10"`, `"1e2"`, `" 10"`
 * and `""` (as 16, 100, 10 and 0): a client sending those has a bug we should
 * tell it about, not guess around.
 */
export const toStrictInteger = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && DECIMAL_INTEGER.test(value) ? Number(value) : value);

/** Only the literal strings "true"/"false" become booleans; anything else fails validation. */
export const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);
