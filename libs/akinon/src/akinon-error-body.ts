/** What Akinon said, read from one of Django REST framework's error shapes. */
export interface AkinonErrorText {
  message: string;
  /** `non_field_errors`, the first failing field name, or DRF's `code` when sent. */
  code: string | null;
}

const MAX_TEXT = 500;

/**
 * `{"detail": "…"}`, `{"non_field_errors": ["…"]}`, `{"<field>": ["…"]}` or
 * a bare list → one readable message. Anything else (an HTML page from a
 * proxy, an empty body) falls back to `fallback` plus a short excerpt.
 */
export function readAkinonError(body: unknown, fallback: string): AkinonErrorText {
  if (Array.isArray(body)) return { message: texts(body) || fallback, code: null };
  if (body !== null && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if (typeof record.detail === 'string') {
      return { message: record.detail, code: typeof record.code === 'string' ? record.code : null };
    }
    const fields = Object.entries(record).filter(([, value]) => value !== null && value !== undefined);
    if (fields.length > 0) {
      const nonField = record.non_field_errors;
      const parts = fields.map(([key, value]) => (key === 'non_field_errors' ? texts(value) : `${key}: ${texts(value)}`));
      return { message: parts.join('; '), code: nonField !== undefined ? 'non_field_errors' : fields[0][0] };
    }
  }
  if (typeof body === 'string' && body.trim()) {
    return { message: `${fallback}: ${body.trim().slice(0, MAX_TEXT)}`, code: null };
  }
  return { message: fallback, code: null };
}

/** DRF nests messages in lists and, for nested serializers, in objects. */
function texts(value: unknown): string {
  if (Array.isArray(value)) return value.map(texts).filter(Boolean).join(' ');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${key}: ${texts(inner)}`)
      .join('; ');
  }
  return value === null || value === undefined ? '' : String(value);
}
