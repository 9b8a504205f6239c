import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../orders/dto/error-response.dto';

export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `details.fields` names each bad field and why (`validation_failed`), or the body is not a JSON object (`malformed_body`).',
  401: 'Missing or unknown API key.',
  403: 'The API key may read and send commands, not change queues: this needs a key from ADMIN_API_KEYS (`forbidden`).',
  404: 'No such order (`order_not_found`) or, on the job routes, no such job (`job_not_found`).',
  409: 'The state machine forbids this now (`illegal_transition`), no line can still be rejected (`no_rejectable_lines`) or a named one cannot (`line_not_rejectable`), or for an address correction `address_not_correctable`; the order is held (`on_hold`, naming its holds), cannot be held any more (`not_holdable`), or a release names no hold it has (`not_held`), the gateway’s own (`hold_not_releasable`) or none of several (`hold_ambiguous`); a command is queued or running (`command_in_progress`); an attention flag to resolve is missing (`no_attention`) or another than the one named (`attention_changed`); for a job retry, the job has not failed (`job_not_failed`) or a retry cannot succeed (`job_not_retryable`).',
  413: 'The request body is larger than 64 kB (`payload_too_large`).',
  415: 'The request body is not `application/json` (`unsupported_media_type`).',
  422: 'The channel cannot do this (`capability_unsupported`); the order must ship online (`online_only`) or cannot (`offline_only`); it has no merchant tracking to modify (`tracking_not_modifiable`); or fulfilling via Flexport waits for a corrected address (`address_incomplete`).',
  503: 'Redis is unreachable (`store_unavailable`); retry later.',
};

/** Documents the error responses of an endpoint, all in the one error shape. */
export function ApiErrorResponses(...statuses: number[]) {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: ERROR_DESCRIPTIONS[status], type: ErrorResponseDto })));
}
