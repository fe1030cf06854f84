import * as oauth from "oauth4webapi";
import {
  ArgumentError,
  IdTokenError,
  OAuthError,
  ProviderError,
  ResponseError,
} from "../errors.js";
import type { HttpResponse, RequestContext } from "../http.js";
import { assertNonEmptyString, isLoopbackHttp } from "../validate.js";

/**
 * Seconds of clock difference tolerated between us and the issuer on the times its JWTs state
 * (`exp`, `nbf`, `iat`): id_tokens' and logout tokens'.
 */
export const CLOCK_TOLERANCE = 30;

/** RFC 8414: an https URL without query or fragment; http only on loopback, for local mocks. */
export function assertIssuer(value: unknown, name = "issuer"): asserts value is string {
  assertNonEmptyString(value, name);
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== "https:" && !isLoopbackHttp(url)) || url.search || url.hash) {
    throw new ArgumentError(
      name,
      "must be an https URL without query or fragment (http only for localhost)",
    );
  }
}

/** Statuses whose responses cannot carry a body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** oauth4webapi reads `Response`s: our answers are rebuilt as one, body already read. */
export function toWebResponse(response: HttpResponse): Response {
  const body = NULL_BODY_STATUSES.has(response.status) ? null : response.text;
  return new Response(body, { status: response.status, headers: response.headers });
}

/**
 * Options for every oauth4webapi call. Its requests go through our http layer, so the
 * provider's fetch, timeout and redirect policy apply, and its GETs (discovery, JWKS) are
 * retried as idempotent reads. http is allowed only when the issuer itself is on loopback.
 */
export function libraryOptions(ctx: RequestContext, issuer: URL) {
  return {
    [oauth.customFetch]: async (url: string, init: oauth.CustomFetchOptions<string, unknown>) => {
      const response = await ctx.request(url, {
        method: init.method,
        headers: init.headers,
        ...(init.body !== undefined && init.body !== null && { body: String(init.body) }),
        ...(init.method === "GET" && { retry: "idempotent" as const }),
      });
      return toWebResponse(response);
    },
    [oauth.allowInsecureRequests]: isLoopbackHttp(issuer),
  };
}

/** The id_token check an oauth4webapi error is about, from its claim or its wording. */
function idTokenCheck(error: Error): string {
  const claim = (error.cause as { claim?: unknown } | undefined)?.claim;
  if (typeof claim === "string") return claim;
  if (error instanceof oauth.OperationProcessingError && error.code === oauth.KEY_SELECTION) {
    return "signature";
  }
  const named = /"(alg|iss|aud|azp|exp|nbf|iat|sub|nonce|auth_time)"/.exec(error.message)?.[1];
  if (named) return named;
  if (/signature|key/i.test(error.message)) return "signature";
  if (/algorithm/i.test(error.message)) return "alg";
  return "format";
}

/**
 * Turns what oauth4webapi throws into this package's errors. Ours (network, timeout) pass
 * through its calls untouched; a failed HTTP exchange (status, JSON, a missing member) is a
 * ResponseError; while an id_token is checked, any other failure is an IdTokenError.
 */
export function toOAuthError(error: unknown, what: string, checkingIdToken = false): unknown {
  if (error instanceof OAuthError) return error;
  if (error instanceof oauth.ResponseBodyError) {
    return new ProviderError({
      error: error.error,
      errorDescription: error.error_description,
      status: error.status,
    });
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    return new ResponseError(
      `${what} answered HTTP ${error.status} with a challenge`,
      error.status,
    );
  }
  if (
    !(
      error instanceof oauth.OperationProcessingError ||
      error instanceof oauth.UnsupportedOperationError
    )
  ) {
    return error;
  }
  const status = error.cause instanceof Response ? error.cause.status : 200;
  if (!checkingIdToken || error.cause instanceof Response || error.message.includes('"response"')) {
    return new ResponseError(`${what} is not valid: ${error.message}`, status);
  }
  return new IdTokenError(idTokenCheck(error), error.message);
}
