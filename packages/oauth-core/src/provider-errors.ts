import { ProviderError, ResponseError } from "./errors.js";
import type { HttpResponse } from "./http.js";
import { isJsonObject } from "./parse.js";
import { parseTokenResponse, providerErrorFrom } from "./token-response.js";
import type { TokenSet } from "./types.js";

/** The error a provider states in a failed answer, or undefined when the body states none. */
export type ErrorReader = (status: number, body: unknown) => ProviderError | undefined;

/**
 * What a 401 from a user-info or API call means, whatever its body says: the provider rejected
 * the access token, so refresh it or sign the person in again.
 */
export function tokenRejected(): ResponseError {
  return new ResponseError("the provider rejected the access token", 401);
}

/** Throws {@link tokenRejected}'s error on a 401 from a user-info or API call. */
export function assertTokenAccepted(response: HttpResponse): void {
  if (response.status === 401) throw tokenRejected();
}

/** The parsed body, or undefined when it is not JSON (an error page, an empty answer). */
export function bodyOf(response: HttpResponse): unknown {
  try {
    return response.json();
  } catch {
    return undefined;
  }
}

/** The error a failed answer states, when its body is JSON that states one. */
export function statedError(response: HttpResponse, read: ErrorReader): ProviderError | undefined {
  const body = bodyOf(response);
  return body === undefined ? undefined : read(response.status, body);
}

/** Why a revocation did not succeed: the error the provider states, else its status. */
export function revocationError(
  response: HttpResponse,
  read: ErrorReader = providerErrorFrom,
): ProviderError | ResponseError {
  return (
    statedError(response, read) ??
    new ResponseError(`token revocation answered HTTP ${response.status}`, response.status)
  );
}

/**
 * A token response parser for a provider that states errors its own way, or with a 2xx: the
 * error `read` finds comes first, then RFC 6749 §5.
 */
export function parseTokenResponseWith(
  read: ErrorReader,
): (status: number, body: unknown) => TokenSet {
  return (status, body) => {
    const error = read(status, body);
    if (error) throw error;
    return parseTokenResponse(status, body);
  };
}

/**
 * `{"error": {"message": "…", "type"?: "…", "code"?: 190}}`: Facebook's Graph API, Spotify's
 * Web API and Bitbucket's REST API nest their errors in an object instead of RFC 6749's string.
 * Read leniently: an odd field must not hide the error itself.
 */
export function nestedError(status: number, body: unknown): ProviderError | undefined {
  if (!isJsonObject(body) || !isJsonObject(body.error)) return undefined;
  const { type, message, code } = body.error;
  const suffix = typeof code === "number" ? ` (code ${code})` : "";
  return new ProviderError({
    error: typeof type === "string" && type !== "" ? type : "api_error",
    errorDescription: typeof message === "string" ? `${message}${suffix}` : undefined,
    status,
  });
}
