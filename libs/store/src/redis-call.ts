import { DomainError } from '@app/orders';
import { StoreUnavailableError } from './store-errors';

/**
 * Runs a Redis operation and turns connection-level failures (closed stream,
 * command timeout, cluster down) into `StoreUnavailableError`, which the API
 * answers with 503. Domain errors pass through untouched.
 */
export async function redisCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new StoreUnavailableError(error instanceof Error ? error.message : String(error));
  }
}
