/**
 * Unwraps a loader result that the schema guarantees (a foreign key in this database): a miss
 * means the data is broken, which is a server error, not a null the client should see.
 */
export function required<T>(value: T | null | undefined, what: string, key: string | number): T {
  if (value == null) throw new Error(`${what} ${key} is missing from the service-items database`);
  return value;
}
