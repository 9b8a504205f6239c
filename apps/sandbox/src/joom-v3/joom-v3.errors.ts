import type { Response } from 'express';

/**
 * v3 failures: `{"errors":[{code, field?, message}]}` with 400/401/403/404/429.
 * 400 covers both a bad argument and "inconsistent with the order's state"
 * (fulfilling a cancelled order); the `code` tells them apart.
 */
export type V3ErrorCode = 'invalid_argument' | 'invalid_state' | 'unauthorized' | 'forbidden' | 'not_found' | 'not_acceptable' | 'too_many_requests' | 'internal_error';

export interface V3ErrorItem {
  code: V3ErrorCode;
  field?: string;
  message: string;
}

export class JoomV3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: V3ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  static invalidArgument(field: string, message: string): JoomV3Error {
    return new JoomV3Error(400, 'invalid_argument', message, field);
  }

  static invalidState(message: string): JoomV3Error {
    return new JoomV3Error(400, 'invalid_state', message);
  }

  static notFound(message: string): JoomV3Error {
    return new JoomV3Error(404, 'not_found', message);
  }

  /** The label is a PDF: a request whose `Accept` refuses it gets 406 (docs/api-decisions.md CA-6). */
  static notAcceptable(message: string): JoomV3Error {
    return new JoomV3Error(406, 'not_acceptable', message);
  }

  static forbidden(message: string): JoomV3Error {
    return new JoomV3Error(403, 'forbidden', message);
  }

  static unauthorized(message: string): JoomV3Error {
    return new JoomV3Error(401, 'unauthorized', message);
  }

  item(): V3ErrorItem {
    return { code: this.code, ...(this.field ? { field: this.field } : {}), message: this.message };
  }
}

export function v3CodeForStatus(status: number): V3ErrorCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 406:
      return 'not_acceptable';
    case 429:
      return 'too_many_requests';
    default:
      return status >= 500 ? 'internal_error' : 'invalid_argument';
  }
}

export function sendV3Errors(res: Response, status: number, errors: V3ErrorItem[]): void {
  res.status(status).json({ errors });
}
