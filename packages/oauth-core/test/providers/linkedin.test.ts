import { describe, expect, it } from "vitest";
import { fetchUser, linkedin, ProviderError, revokeToken } from "../../src/index.js";
import { useMockServer } from "../support/msw.js";
import {
  ACCESS_TOKEN,
  CLIENT_ID,
  CLIENT_SECRET,
  credentials,
  fixture,
  NOW,
  rejection,
  serve,
} from "./contract.js";
import {
  describeOidcContract,
  exchange,
  recordedIdp,
  serveTokens,
  tokensOf,
} from "./oidc-contract.js";

const server = useMockServer();
const spec = { id: "linkedin", issuer: "https://www.linkedin.com/oauth" };
const USERINFO = { method: "get", url: "https://api.linkedin.com/v2/userinfo" } as const;
const REVOKE = { method: "post", url: "https://www.linkedin.com/oauth/v2/revoke" } as const;
const USER = {
  provider: "linkedin",
  id: "782bbtaQ",
  login: "doe@email.com",
  name: "John Doe",
  email: "doe@email.com",
  avatarUrl:
    "https://media.licdn.com/dms/image/v2/C4E03AQHqK8v7tB1HCQ/profile-displayphoto-shrink_100_100/0/1516123456789",
  profileUrl: null,
};

describeOidcContract(server, {
  ...spec,
  create: linkedin,
  authorization: {
    endpoint: "https://www.linkedin.com/oauth/v2/authorization",
    scopes: ["openid", "profile", "email"],
    pkce: false,
  },
  token: {
    clientAuth: "client_secret_post",
    exchange: {
      fixture: "token",
      tokens: tokensOf("linkedin", "token", {
        tokenType: "bearer",
        // LinkedIn separates the granted scopes with commas.
        scopes: ["email", "openid", "profile"],
        expiresAt: NOW + 5_183_999_000,
      }),
    },
    errors: [
      {
        fixture: "token-error-invalid_request",
        status: 400,
        error: "invalid_request",
        errorDescription: expect.stringMatching(/^Unable to retrieve access token/),
      },
      {
        fixture: "token-error-invalid_client",
        status: 401,
        error: "invalid_client",
        errorDescription: "Client authentication failed",
      },
    ],
  },
  user: { fixture: "userinfo", user: USER },
  revoke: {
    ...REVOKE,
    headers: { authorization: null },
    form: {
      token: ACCESS_TOKEN,
      token_type_hint: "access_token",
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    },
    reply: { text: "" },
  },
  facts: {
    capabilities: {
      refresh: "never",
      revoke: true,
      revokeRefresh: true,
      device: false,
      pkce: false,
      verifiedEmail: true,
      uniqueLogin: false,
      endSession: false,
      backchannelLogout: false,
    },
    api: {
      baseUrl: "https://api.linkedin.com",
      scheme: "Bearer",
      headers: {},
      requestHeaders: ["linkedin-version", "x-restli-protocol-version"],
      etags: false,
    },
    access: ["users", "emails", "emailDomains", "groups"],
  },
});

describe("linkedin quirks", () => {
  it("when a code is exchanged, then no refresh token comes back (60-day tokens, no refresh)", async () => {
    const idp = await recordedIdp(server, spec);
    await serveTokens(idp, "linkedin", "token", {});
    const tokens = await exchange(await linkedin(credentials));
    expect(tokens.refreshToken).toBeUndefined();
  });

  it.each([
    ["true", "doe@email.com"],
    ["false", null],
  ])(
    'when email_verified is the string "%s", then it is read as the boolean and raw keeps the string',
    async (verified, email) => {
      await recordedIdp(server, spec);
      const userinfo = { ...(fixture("linkedin", "userinfo") as object), email_verified: verified };
      serve(server, "linkedin", USERINFO, { text: JSON.stringify(userinfo) });
      const { user, raw } = await fetchUser(await linkedin(credentials), ACCESS_TOKEN);
      expect(user.email).toBe(email);
      expect(raw).toMatchObject({ email_verified: verified });
    },
  );

  it("when revocation answers invalid_client, then it is a ProviderError", async () => {
    await recordedIdp(server, spec);
    serve(server, "linkedin", REVOKE, { fixture: "token-error-invalid_client", status: 401 });
    const error = await rejection(revokeToken(await linkedin(credentials), ACCESS_TOKEN));
    expect(error).toMatchObject({ constructor: ProviderError, error: "invalid_client" });
  });
});
