import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { IdTokenError, NetworkError, ProviderError, ResponseError } from "../src/index.js";
import { toOAuthError } from "../src/oidc/support.js";

describe("toOAuthError (oauth4webapi → typed errors)", () => {
  it("when the library reports an OAuth error body, then it is a ProviderError with its fields", () => {
    const error = new oauth.ResponseBodyError("x", {
      cause: { error: "invalid_grant", error_description: "expired" },
      response: new Response(null, { status: 400 }),
    });
    expect(toOAuthError(error, "the token response")).toMatchObject({
      constructor: ProviderError,
      error: "invalid_grant",
      errorDescription: "expired",
      status: 400,
    });
  });

  it("when the library reports an unexpected status, then it is a ResponseError with that status", () => {
    const error = new oauth.OperationProcessingError("unexpected HTTP status code", {
      code: oauth.RESPONSE_IS_NOT_CONFORM,
      cause: new Response(null, { status: 502 }),
    });
    expect(toOAuthError(error, "the JWKS", true)).toMatchObject({
      constructor: ResponseError,
      status: 502,
    });
  });

  it("when one of our errors went through the library, then it comes out unchanged", () => {
    const network = new NetworkError("failed", new TypeError("fetch failed"));
    expect(toOAuthError(network, "x", true)).toBe(network);
  });

  it("when a claim check fails outside an id_token, then it is a ResponseError; inside, an IdTokenError", () => {
    const error = new oauth.OperationProcessingError('unexpected JWT "iss" (issuer) claim value', {
      code: oauth.JWT_CLAIM_COMPARISON,
      cause: { claim: "iss" },
    });
    expect(toOAuthError(error, "x")).toBeInstanceOf(ResponseError);
    expect(toOAuthError(error, "x", true)).toMatchObject({
      constructor: IdTokenError,
      check: "iss",
    });
  });

  it("when the error is not the library's (a programming error), then it is passed on as it is", () => {
    const bug = new TypeError("bug");
    expect(toOAuthError(bug, "x", true)).toBe(bug);
  });
});
