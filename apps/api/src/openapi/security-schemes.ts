/** The names of the document's security schemes, as operations refer to them. */
export const API_KEY_SCHEME = 'api-key';
export const WEBHOOK_TOKEN_SCHEME = 'flexport-webhook-token';
