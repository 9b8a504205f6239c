import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * What text a command may carry. Everything we accept is stored in Redis,
 * shown in the order history and sent on to Joom, Akinon or Flexport, so it
 * must be well-formed Unicode (a lone surrogate turns into U+FFFD or an
 * encoding error at the other end) without control characters (a NUL or an
 * ESC has no business in a log line or a marketplace field).
 *
 * - `single-line` (identifiers, carrier names, who asked): also no invisible
 *   format characters — zero-width spaces, bidi overrides, BOMs — since two
 *   values that look the same must be the same.
 * - `free` (notes): any well-formed text with tabs and line breaks; emoji
 *   (with their zero-width joiners) and right-to-left marks are real text.
 */
export type TextKind = 'single-line' | 'free';

const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_WHITESPACE = /[^\P{Cc}\t\n\r]/u;
const INVISIBLE_FORMAT = /\p{Cf}/u;

/** Why `value` is not acceptable text of this kind, or null when it is (non-strings are other rules' business). */
export function textProblem(value: unknown, kind: TextKind): string | null {
  if (typeof value !== 'string') return null;
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (it contains a lone surrogate)';
  if ((kind === 'free' ? CONTROL_EXCEPT_WHITESPACE : CONTROL).test(value)) {
    return kind === 'free' ? 'must not contain control characters other than tab and line breaks' : 'must not contain control characters';
  }
  if (kind === 'single-line' && INVISIBLE_FORMAT.test(value)) return 'must not contain invisible format characters (zero-width, bidi controls)';
  return null;
}

function textRule(kind: TextKind, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: `isText:${kind}`,
      validator: {
        validate: (value) => textProblem(value, kind) === null,
        defaultMessage: (args) => {
          // `each` validates array items one by one; name the bad one, as class-validator's own messages do.
          const value = Array.isArray(args?.value) ? args!.value.find((item) => textProblem(item, kind) !== null) : args?.value;
          return `${options?.each ? 'each value in ' : ''}${args?.property ?? 'value'} ${textProblem(value, kind) ?? 'is not acceptable text'}`;
        },
      },
    },
    options,
  );
}

/** Identifiers and names: well-formed, no control or invisible format characters. */
export const IsSingleLineText = (options?: ValidationOptions) => textRule('single-line', options);

/** Notes: well-formed, no control characters except tab and line breaks. */
export const IsFreeText = (options?: ValidationOptions) => textRule('free', options);
