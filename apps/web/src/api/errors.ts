// Codes the client itself produces; the gateway's own codes (e.g. "unauthenticated")
// come straight from its JSON error body.
export const ClientErrorCode = {
  Network: "network_error",
  InvalidResponse: "invalid_response",
  Http: "http_error",
} as const;

/** A request to the gateway that did not give the expected answer. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  /** HTTP status, or 0 when no answer arrived at all. */
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
    this.code = code;
  }
}

/** Thrown by the narrowing helpers; the client turns it into an `invalid_response` ApiError. */
export class ShapeError extends Error {
  override readonly name = "ShapeError";
}
