/** Errors are logged by code and message only: oauth-core messages never hold secrets. */
export function describeError(err: unknown): { code?: string; message: string } {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { ...(typeof code === "string" && { code }), message: err.message };
  }
  return { message: String(err) };
}
