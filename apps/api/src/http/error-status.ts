import { HttpStatus } from '@nestjs/common';

/**
 * Every stable error `code` the API can answer with, and its HTTP status.
 * Domain errors carry the code; this table is the only place that knows HTTP.
 */
export const ERROR_STATUS: Record<string, HttpStatus> = {
  validation_failed: HttpStatus.BAD_REQUEST,
  invalid_cursor: HttpStatus.BAD_REQUEST,
  malformed_body: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  order_not_found: HttpStatus.NOT_FOUND,
  job_not_found: HttpStatus.NOT_FOUND,
  job_not_failed: HttpStatus.CONFLICT,
  job_not_retryable: HttpStatus.CONFLICT,
  idempotency_key_reused: HttpStatus.UNPROCESSABLE_ENTITY,
  invalid_carrier: HttpStatus.UNPROCESSABLE_ENTITY,
  invalid_webhook: HttpStatus.BAD_REQUEST,
  route_not_found: HttpStatus.NOT_FOUND,
  illegal_transition: HttpStatus.CONFLICT,
  command_in_progress: HttpStatus.CONFLICT,
  version_conflict: HttpStatus.CONFLICT,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  // Answered by node's HTTP parser hook (http/client-errors.ts), before Nest; listed so every code is here.
  header_too_large: 431 as HttpStatus, // not in Nest's HttpStatus enum
  request_timeout: HttpStatus.REQUEST_TIMEOUT,
  capability_unsupported: HttpStatus.UNPROCESSABLE_ENTITY,
  channel_disabled: HttpStatus.UNPROCESSABLE_ENTITY,
  line_not_found: HttpStatus.UNPROCESSABLE_ENTITY,
  address_incomplete: HttpStatus.UNPROCESSABLE_ENTITY,
  // An order fact rules the action out while its state permits it. 422 when the request is wrong for this
  // order and asking again will not help — choose another mode (the channel's fixed shipping requirement),
  // as for capability_unsupported; 409 when the order's lines have moved past it, as for illegal_transition.
  online_only: HttpStatus.UNPROCESSABLE_ENTITY,
  offline_only: HttpStatus.UNPROCESSABLE_ENTITY,
  tracking_not_modifiable: HttpStatus.UNPROCESSABLE_ENTITY,
  no_rejectable_lines: HttpStatus.CONFLICT,
  line_not_rejectable: HttpStatus.CONFLICT,
  line_not_fulfillable: HttpStatus.CONFLICT,
  address_not_correctable: HttpStatus.CONFLICT,
  on_hold: HttpStatus.CONFLICT,
  not_holdable: HttpStatus.CONFLICT,
  not_held: HttpStatus.CONFLICT,
  hold_not_releasable: HttpStatus.CONFLICT,
  hold_ambiguous: HttpStatus.CONFLICT,
  no_attention: HttpStatus.CONFLICT,
  attention_changed: HttpStatus.CONFLICT,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  store_unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Codes for Nest's own HttpExceptions (routing, body parsing), by status. */
export const CODE_FOR_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'route_not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'rate_limited',
  503: 'service_unavailable',
};
