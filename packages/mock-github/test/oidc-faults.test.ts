import { describe, expect, it } from "vitest";
import { json, useMockGitHub } from "./helpers.js";
import { oidcCode, redeem, signIn, userinfo } from "./oidc-helpers.js";

// The generic checks (slow, status, reset, html, bad-json) run for every target in faults.test.ts.
const { mock } = useMockGitHub();

describe("a missing-fields fault on the OpenID Connect provider", () => {
  it("when on oidc-token, then the answer has no access_token or id_token", async () => {
    const code = await oidcCode();
    mock.faults.set("oidc-token", { kind: "missing-fields" });
    const response = await redeem(code);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      token_type: "Bearer",
      expires_in: 3600,
      refresh_token: expect.any(String),
      scope: "openid profile email",
    });
  });

  it("when on oidc-userinfo, then the claims come without sub", async () => {
    const { access_token } = await signIn();
    mock.faults.set("oidc-userinfo", { kind: "missing-fields" });
    const claims = await json(await userinfo(access_token));
    expect(claims).not.toHaveProperty("sub");
    expect(claims.preferred_username).toBe("octocat");
  });

  it("when the normal answer is an error, then it comes unchanged", async () => {
    mock.faults.set("oidc-userinfo", { kind: "missing-fields" });
    const response = await userinfo("mat_unknown");
    expect(response.status).toBe(401);
    expect((await json(response)).error).toBe("invalid_token");
  });

  it("when set on oidc-revoke, then it is refused: revocation has no fields", () => {
    expect(() => mock.faults.set("oidc-revoke", { kind: "missing-fields" })).toThrow(TypeError);
  });
});

describe("a fault on the OpenID Connect provider", () => {
  it("when on oidc-token, then GitHub's token endpoint is unaffected, and the other way round", async () => {
    mock.faults.set("oidc-token", { kind: "status", status: 503 });
    expect((await redeem(await oidcCode())).status).toBe(503);
    mock.faults.clear();
    mock.faults.set("token", { kind: "status", status: 503 });
    expect((await redeem(await oidcCode())).status).toBe(200);
  });
});
