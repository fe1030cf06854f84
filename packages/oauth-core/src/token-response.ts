import { ProviderError, ResponseError } from "./errors.js";
import {
  assertJsonObject,
  isJsonObject,
  readOptionalNumber,
  readOptionalString,
  readString,
} from "./parse.js";
import type { TokenSet } from "./types.js";

/**
 * The OAuth error in a body (`{"error": "…"}`), whatever the status, or `undefined`. Providers
 * that answer errors with 2xx call this before {@link parseTokenResponse}; for provider hooks.
 *
 * @param status - The HTTP status, kept in the error.
 * @param body - The parsed JSON body, as `unknown`.
 * @returns A {@link ProviderError} (not thrown) when `body` is an object with a non-empty
 * string `error`, else `undefined`.
 */
export function providerErrorFrom(status: number, body: unknown): ProviderError | undefined {
  if (!isJsonObject(body) || typeof body.error !== "string" || body.error === "") return undefined;
  const { error_description: description, error_uri: uri } = body;
  return new ProviderError({
    error: body.error,
    errorDescription: typeof description === "string" ? description : undefined,
    errorUri: typeof uri === "string" ? uri : undefined,
    status,
  });
}

/**
 * Reads a token endpoint's answer per RFC 6749 §5: a 2xx JSON token response, or an error body
 * with a 4xx status: how a provider's engine reads it unless the provider says otherwise.
 * `scope` may be space- or comma-separated (GitHub); `token_type` defaults to `"bearer"`;
 * `expires_in` becomes an epoch-milliseconds `expiresAt`.
 *
 * @throws {@link ProviderError} for a non-2xx answer with an OAuth error body.
 * @throws {@link ResponseError} for any other non-2xx answer, or a 2xx body that is not an
 * object with a non-empty string `access_token` and well-typed optional fields.
 */
export function parseTokenResponse(status: number, body: unknown): TokenSet {
  if (status < 200 || status > 299) {
    throw (
      providerErrorFrom(status, body) ??
      new ResponseError(`the token endpoint answered HTTP ${status}`, status)
    );
  }
  assertJsonObject(body, status, "the token response");
  const tokens: TokenSet = {
    accessToken: readString(body, "access_token", status),
    tokenType: (readOptionalString(body, "token_type", status) || "bearer").toLowerCase(),
    // Space-separated per RFC 6749; GitHub separates with commas.
    scopes: (readOptionalString(body, "scope", status) ?? "").split(/[\s,]+/).filter(Boolean),
  };
  const now = Date.now();
  const expiresIn = readOptionalNumber(body, "expires_in", status);
  if (expiresIn !== undefined) tokens.expiresAt = now + expiresIn * 1000;
  const refreshToken = readOptionalString(body, "refresh_token", status);
  if (refreshToken) tokens.refreshToken = refreshToken;
  const refreshExpiresIn = readOptionalNumber(body, "refresh_token_expires_in", status);
  if (refreshExpiresIn !== undefined) tokens.refreshTokenExpiresAt = now + refreshExpiresIn * 1000;
  return tokens;
}
