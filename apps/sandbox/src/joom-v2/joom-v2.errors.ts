import type { Response } from 'express';
import { JoomV2Envelope } from './joom-v2.types';

/**
 * v2 failures are the envelope with `code != 0`. The document shows two codes:
 * 1000 with `data` 2003 for an unknown tracking provider (on HTTP 200), and
 * 4001 "not_found". The rest of this table is the sandbox's own choice:
 * 4000 for a bad token (HTTP 401), 1000 + a detail number in `data` for every
 * refused parameter.
 */
export const V2_CODE = { invalid: 1000, unauthorized: 4000, notFound: 4001, rateLimited: 1029, internal: 5000 } as const;

/** Detail numbers carried in `data` with code 1000; only 2003 comes from the document. */
export const V2_DETAIL = {
  missingParam: 2000,
  invalidParam: 2001,
  invalidTrackingNumber: 2002,
  unknownProvider: 2003,
  notApproved: 2004,
  alreadyFulfilled: 2005,
  alreadyRefunded: 2006,
  notShipped: 2007,
  invalidReasonCode: 2008,
  reasonNoteRequired: 2009,
  /** OAuth refresh with a refresh token that is unknown, revoked or already used (docs/api-decisions.md OA-5). */
  invalidGrant: 2010,
} as const;

export class JoomV2Error extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    readonly data: unknown,
    message: string,
  ) {
    super(message);
  }

  /** A malformed request (missing or ill-formed parameter): HTTP 400, code 1000. */
  static badParam(detail: number, message: string): JoomV2Error {
    return new JoomV2Error(400, V2_CODE.invalid, detail, message);
  }

  /**
   * A well-formed request Joom refuses (provider not accepted, order in the
   * wrong state): HTTP 200 with code 1000, as the document's example — clients
   * must read `code`, not only the status.
   */
  static refused(detail: number, message: string): JoomV2Error {
    return new JoomV2Error(200, V2_CODE.invalid, detail, message);
  }

  static notFound(message: string): JoomV2Error {
    return new JoomV2Error(404, V2_CODE.notFound, {}, message);
  }

  static unauthorized(message: string): JoomV2Error {
    return new JoomV2Error(401, V2_CODE.unauthorized, {}, message);
  }
}

/** The envelope code that goes with an HTTP status when only the status is known (fault injection). */
export function v2CodeForStatus(status: number): number {
  if (status === 401 || status === 403) return V2_CODE.unauthorized;
  if (status === 404) return V2_CODE.notFound;
  if (status === 429) return V2_CODE.rateLimited;
  if (status >= 500) return V2_CODE.internal;
  return V2_CODE.invalid;
}

export function sendV2Envelope(res: Response, status: number, body: JoomV2Envelope): void {
  res.status(status).json(body);
}
