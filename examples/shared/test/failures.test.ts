import {
  ArgumentError,
  AuthorizationError,
  InvalidCallbackError,
  ProviderError,
  ResponseError,
  StateMismatchError,
} from "@latchkey/oauth-core";
import { describe, expect, it } from "vitest";
import {
  describeFailure,
  ForeignOriginError,
  handleFailure,
  NoLoginUnderWayError,
} from "../src/failures.js";

// The login suite in src/test-support meets most of these through a real sign-in; these are
// the ones the mock cannot easily be made to produce, and the table as a whole.
describe("describeFailure", () => {
  it.each([
    [new NoLoginUnderWayError(), 400, "No sign-in under way"],
    [new ForeignOriginError(), 403, "Forbidden"],
    [new StateMismatchError("wrong state"), 400, "Sign-in not recognised"],
    [new AuthorizationError({ error: "access_denied" }), 403, "Sign-in cancelled"],
    [new AuthorizationError({ error: "invalid_scope" }), 400, "GitHub refused the sign-in"],
    [new InvalidCallbackError("no code"), 400, "Malformed sign-in answer"],
    [
      new ProviderError({ error: "bad_verification_code", status: 200 }),
      400,
      "Sign-in code refused",
    ],
    [
      new ProviderError({ error: "invalid_client", status: 401 }),
      502,
      "GitHub sign-in unavailable",
    ],
    [new ResponseError("not JSON", 503), 502, "GitHub sign-in unavailable"],
    [new TypeError("a bug"), 500, "Something went wrong"],
    // A wrong argument to oauth-core is this server's bug, not GitHub failing.
    [new ArgumentError("scopes", "must be valid scope names"), 500, "Something went wrong"],
  ])("when %o is thrown, then it is a %i titled %s", (error, status, title) => {
    expect(describeFailure(error)).toMatchObject({ status, title });
  });
});

describe("handleFailure", () => {
  it("when the browser is at fault (4xx), then the operator's log stays quiet", () => {
    const lines: string[] = [];
    handleFailure(new NoLoginUnderWayError(), "GET /callback", (line) => lines.push(line));
    expect(lines).toEqual([]);
  });

  it("when GitHub fails (5xx), then one log line names the request and the error", () => {
    const lines: string[] = [];
    const failure = handleFailure(new ResponseError("not JSON", 503), "GET /callback", (line) =>
      lines.push(line),
    );
    expect(failure.status).toBe(502);
    expect(lines).toEqual(["GET /callback: ResponseError (invalid_response): not JSON"]);
  });
});
