/** What a client reads when an error's own message is not for it, by kind of status. */
export const GENERIC_CLIENT_MESSAGE = "The request is not valid.";
export const GENERIC_SERVER_MESSAGE = "Something went wrong on our side.";

/**
 * Every error the gateway raises on purpose. The error handler answers it from these fields
 * alone, so a new kind of failure gets its status and code where it is defined, not in a list
 * of special cases somewhere else.
 */
export abstract class GatewayError extends Error {
  /** The HTTP status a request that ends with this error is answered with. */
  abstract readonly status: number;
  /** Stable and snake_case: the `error` of the JSON answer, which the SPA and scripts match on. */
  abstract readonly code: string;
  /**
   * Whether `message` may be shown to the client. Internal messages name files, store
   * operations or sizes: the client gets `publicMessage` instead.
   */
  abstract readonly expose: boolean;
  /** Headers the answer carries (Retry-After on a 503, Allow on a 405). */
  readonly headers: Readonly<Record<string, string>> = {};

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** The message the client gets: the error's own when exposed, else a generic one. */
  get publicMessage(): string {
    if (this.expose) return this.message;
    return this.status < 500 ? GENERIC_CLIENT_MESSAGE : GENERIC_SERVER_MESSAGE;
  }
}
