/** Thrown by a shared store when its backend (Redis) cannot be reached; handlers answer STORE_UNAVAILABLE. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}
