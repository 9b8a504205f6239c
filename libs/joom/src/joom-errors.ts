import { DomainError } from '@app/orders';

/**
 * The carrier has no name Joom accepts (v2: the document's list or the
 * carrier table; v3: the shippers list). Raised before any HTTP call: Joom
 * would refuse it anyway (v2 answers code 1000 / data 2003 on HTTP 200), and a
 * local refusal names the carrier. The tracking push turns it into the
 * order's `carrier_unmapped` attention (docs/api-decisions.md CA-5).
 */
export class InvalidCarrierError extends DomainError {
  readonly code = 'invalid_carrier';

  constructor(
    readonly carrier: string,
    why: string,
  ) {
    super(`"${carrier}" cannot be sent to Joom: ${why}`, { carrier });
  }
}

/** A cursor this adapter did not issue (or issued for the other Joom API version). */
export class InvalidCursorError extends DomainError {
  readonly code = 'invalid_cursor';

  constructor(reason: string) {
    super(`Invalid Joom sync cursor: ${reason}`, { reason });
  }
}

/**
 * Joom's `paging.next` is a full URL; following one that points anywhere but
 * the configured host would send our bearer token to a stranger, so the
 * adapter refuses instead.
 */
export class UntrustedPagingLinkError extends DomainError {
  readonly code = 'untrusted_paging_link';

  constructor(
    readonly link: string,
    reason: string,
  ) {
    super(`Joom paging link refused (${reason}): ${link}`, { link, reason });
  }
}
