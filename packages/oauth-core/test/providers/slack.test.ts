import { describe, expect, it } from "vitest";
import { ProviderError, ResponseError, revokeToken, slack } from "../../src/index.js";
import { useMockServer } from "../support/msw.js";
import { ACCESS_TOKEN, credentials, NOW, rejection, restApi, serve } from "./contract.js";
import { describeOidcContract, recordedIdp, tokensOf } from "./oidc-contract.js";

const server = useMockServer();
const spec = { id: "slack", issuer: "https://slack.com" };
const REVOKE = { method: "post", url: "https://slack.com/api/auth.revoke" } as const;

describeOidcContract(server, {
  ...spec,
  create: slack,
  facts: {
    capabilities: {
      refresh: "on request",
      revoke: true,
      revokeRefresh: false,
      device: false,
      pkce: true,
      verifiedEmail: false,
      uniqueLogin: false,
      endSession: false,
      backchannelLogout: false,
    },
    api: restApi("https://slack.com/api"),
    access: ["users", "emails", "emailDomains", "groups"],
  },
  idTokenClaims: { "https://slack.com/team_id": "T0R7GR", "https://slack.com/user_id": "U0R7JM" },
  authorization: {
    endpoint: "https://slack.com/openid/connect/authorize",
    scopes: ["openid", "profile", "email"],
    pkce: true,
  },
  token: {
    clientAuth: "client_secret_post",
    exchange: {
      fixture: "token",
      tokens: tokensOf("slack", "token", {
        tokenType: "bearer",
        scopes: [],
      }),
    },
    // Slack's Web API answers errors with HTTP 200 and "ok": false.
    errors: [
      { fixture: "token-error-invalid_code", status: 200, error: "invalid_code" },
      { fixture: "token-error-bad_client_secret", status: 200, error: "bad_client_secret" },
    ],
  },
  user: {
    fixture: "userinfo",
    user: {
      provider: "slack",
      id: "U0R7JM",
      login: "krane@slack-corp.com",
      name: "krane",
      email: "krane@slack-corp.com",
      avatarUrl: "https://secure.gravatar.com/avatar/bf6f4a5c1d2e3f4a5b6c7d8e9f0a1b2c.jpg?s=512",
      profileUrl: null,
    },
    errors: [
      {
        fixture: "userinfo-error-invalid_auth",
        type: ResponseError,
        fields: { status: 401, message: "the provider rejected the access token" },
      },
      {
        fixture: "error-ratelimited",
        type: ProviderError,
        fields: { error: "ratelimited", status: 200 },
      },
    ],
  },
  refresh: {
    fixture: "refresh",
    tokens: tokensOf("slack", "refresh", {
      tokenType: "bearer",
      scopes: [],
      expiresAt: NOW + 43_200_000,
    }),
  },
  revoke: {
    ...REVOKE,
    headers: { authorization: `Bearer ${ACCESS_TOKEN}` },
    reply: { fixture: "revoke" },
  },
});

describe("slack quirks", () => {
  it("when auth.revoke says invalid_auth (the token is already dead), then it counts as revoked", async () => {
    await recordedIdp(server, spec);
    serve(server, "slack", REVOKE, { fixture: "userinfo-error-invalid_auth" });
    await expect(revokeToken(await slack(credentials), ACCESS_TOKEN)).resolves.toBeUndefined();
  });

  it("when auth.revoke answers another ok:false error or HTTP 500, then it is a ProviderError or ResponseError", async () => {
    await recordedIdp(server, spec);
    serve(server, "slack", REVOKE, { fixture: "error-ratelimited" });
    const stated = await rejection(revokeToken(await slack(credentials), ACCESS_TOKEN));
    expect(stated).toMatchObject({ constructor: ProviderError, error: "ratelimited", status: 200 });
    serve(server, "slack", REVOKE, { text: "upstream error", status: 500 });
    const failed = await rejection(revokeToken(await slack(credentials), ACCESS_TOKEN));
    expect(failed).toMatchObject({ constructor: ResponseError, status: 500 });
  });
});
