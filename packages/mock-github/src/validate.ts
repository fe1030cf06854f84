/** Lifetimes are whole seconds, as `expires_in` is. */
export function assertLifetime(value: unknown, field: string): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new TypeError(`"${field}" must be a positive integer, got ${String(value)}`);
  }
}
