import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../orders/dto/error-response.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `details.fields` names each bad field and why.',
  401: 'Missing or unknown API key.',
  404: 'No such order.',
  409: 'The state machine forbids this now (`illegal_transition`).',
  422: 'The channel cannot do this (`capability_unsupported`).',
  503: 'Redis is unreachable (`store_unavailable`); retry later.',
};

/** Documents the error responses of an endpoint, all in the one error shape. */
export function ApiErrorResponses(...statuses: number[]) {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponseDto })));
}
