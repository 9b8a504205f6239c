import { CODE_FOR_STATUS, ERROR_STATUS } from '../http/error-status';

/**
 * Every `code` an error answer of the api can carry, the enum of
 * ErrorResponseDto.code: the domain and request codes (ERROR_STATUS), the
 * codes of Nest's own HttpExceptions by status (CODE_FOR_STATUS), and the two
 * fallbacks of http/error-response.ts. A client may switch on it exhaustively;
 * a unit test (api-error-codes.spec.ts) finds every code the api's sources
 * throw and checks it is here.
 */
export const API_ERROR_CODES: readonly string[] = [...new Set([...Object.keys(ERROR_STATUS), ...Object.values(CODE_FOR_STATUS), 'http_error', 'internal_error'])].sort();
