/**
 * Base of every error the gateway raises on purpose. `code` is a stable
 * snake_case string (`illegal_transition`, `capability_unsupported`,
 * `order_not_found`…); the API's one exception filter maps codes to HTTP
 * statuses, so this library never needs to know about HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
