import { DomainError } from '@app/orders';

/**
 * The carrier is not on Joom's accepted shipping providers list. Raised before
 * any HTTP call: Joom would refuse it anyway (v2 answers code 1000 / data 2003
 * on HTTP 200), and a local refusal names the carrier and the accepted ones.
 */
export class InvalidCarrierError extends DomainError {
  readonly code = 'invalid_carrier';

  constructor(
    readonly carrier: string,
    accepted: readonly string[],
  ) {
    super(`"${carrier}" is not one of Joom's accepted shipping providers (accepted: ${accepted.join(', ')})`, { carrier });
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
