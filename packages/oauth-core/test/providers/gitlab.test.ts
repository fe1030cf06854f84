import { describe, expect, it, vi } from "vitest";
import {
  createAuthorizationRequest,
  fetchUser,
  gitlab,
  type ProviderDefinition,
  ProviderError,
  providers,
  revokeToken,
} from "../../src/index.js";
import { argumentError } from "../support/argument-error.js";
import { useMockServer } from "../support/msw.js";
import { createTestIdp } from "../support/oidc-idp.js";
import {
  ACCESS_TOKEN,
  BASIC,
  credentials,
  fixture,
  NOW,
  REDIRECT_URI,
  rejection,
  serve,
} from "./contract.js";
import { describeOidcContract, recordedIdp, tokensOf } from "./oidc-contract.js";

const server = useMockServer();
const spec = { id: "gitlab", issuer: "https://gitlab.com" };
const SCOPES = ["openid", "profile", "email", "read_user"];
const REVOKE = { method: "post", url: "https://gitlab.com/oauth/revoke" } as const;
const USERINFO = { method: "get", url: "https://gitlab.com/oauth/userinfo" } as const;

describeOidcContract(server, {
  ...spec,
  create: gitlab,
  authorization: { endpoint: "https://gitlab.com/oauth/authorize", scopes: SCOPES, pkce: true },
  token: {
    clientAuth: "client_secret_basic",
    exchange: {
      fixture: "token",
      tokens: tokensOf("gitlab", "token", {
        tokenType: "bearer",
        scopes: SCOPES,
        expiresAt: NOW + 7_200_000,
      }),
    },
    errors: [
      {
        fixture: "token-error-invalid_grant",
        status: 400,
        error: "invalid_grant",
        errorDescription: expect.stringMatching(/^The provided authorization grant is invalid/),
      },
      { fixture: "token-error-invalid_client", status: 401, error: "invalid_client" },
    ],
  },
  user: {
    fixture: "userinfo",
    user: {
      provider: "gitlab",
      id: "1234567",
      login: "janedoe",
      name: "Jane Doe",
      email: "jane.doe@example.com",
      avatarUrl: "https://gitlab.com/uploads/-/system/user/avatar/1234567/avatar.png",
      profileUrl: "https://gitlab.com/janedoe",
    },
  },
  refresh: {
    fixture: "refresh",
    tokens: tokensOf("gitlab", "refresh", {
      tokenType: "bearer",
      scopes: SCOPES,
      expiresAt: NOW + 7_200_000,
    }),
  },
  revoke: {
    ...REVOKE,
    headers: { authorization: BASIC },
    form: { token: ACCESS_TOKEN, token_type_hint: "access_token" },
    reply: { fixture: "revoke" },
  },
  facts: {
    capabilities: {
      refresh: "always",
      revoke: true,
      revokeRefresh: true,
      device: false,
      pkce: true,
      verifiedEmail: true,
      uniqueLogin: true,
      endSession: false,
      backchannelLogout: false,
    },
    api: {
      baseUrl: "https://gitlab.com/api/v4",
      scheme: "Bearer",
      headers: {},
      requestHeaders: [],
      etags: true,
    },
    access: ["users", "emails", "emailDomains", "groups"],
  },
});

describe("gitlab quirks", () => {
  it("when nickname and preferred_username differ, then login is the nickname (the username)", async () => {
    await recordedIdp(server, spec);
    const userinfo = { ...(fixture("gitlab", "userinfo") as object), preferred_username: "Jane" };
    serve(server, "gitlab", USERINFO, { text: JSON.stringify(userinfo) });
    const { user } = await fetchUser(await gitlab(credentials), ACCESS_TOKEN);
    expect(user.login).toBe("janedoe");
  });

  it("when neither nickname nor preferred_username is sent, then login is the sub, never the (maybe unverified) email", async () => {
    await recordedIdp(server, spec);
    const {
      nickname: _,
      preferred_username: __,
      ...userinfo
    } = fixture("gitlab", "userinfo") as Record<string, unknown>;
    serve(server, "gitlab", USERINFO, { text: JSON.stringify(userinfo) });
    const { user } = await fetchUser(await gitlab(credentials), ACCESS_TOKEN);
    expect(user).toMatchObject({ login: "1234567", email: "jane.doe@example.com" });
  });

  it("when revocation answers invalid_client, then it is a ProviderError", async () => {
    await recordedIdp(server, spec);
    serve(server, "gitlab", REVOKE, { fixture: "token-error-invalid_client", status: 401 });
    const error = await rejection(revokeToken(await gitlab(credentials), ACCESS_TOKEN));
    expect(error).toMatchObject({ constructor: ProviderError, error: "invalid_client" });
  });

  it("when a self-managed URL is set (trailing slash and all), then it is the issuer, discovery happens there and its API is the instance's /api/v4", async () => {
    const url = "https://gitlab.example.com/gitlab";
    const idp = await createTestIdp(server, { issuer: url, alg: "RS256" });
    const provider = await gitlab({ ...credentials, url: `${url}/` });
    const request = await createAuthorizationRequest(provider, { redirectUri: REDIRECT_URI });
    expect(provider.issuer).toBe(url);
    expect(provider.api?.baseUrl).toBe(`${url}/api/v4`);
    expect(idp.calls.discovery).toHaveLength(1);
    expect(`${request.url.origin}${request.url.pathname}`).toBe(`${url}/authorize`);
  });

  it("when the catalogue gets URL, then the instance is that one; a plain-http one is an ArgumentError before any request", async () => {
    await createTestIdp(server, { issuer: "https://git.example.org", alg: "RS256" });
    const { create } = providers.gitlab as ProviderDefinition;
    await expect(create({ ...credentials, url: "https://git.example.org" })).resolves.toMatchObject(
      { issuer: "https://git.example.org", api: { baseUrl: "https://git.example.org/api/v4" } },
    );
    const injected = vi.fn<typeof fetch>();
    expect(() =>
      create({ ...credentials, url: "http://git.example.org", fetch: injected }),
    ).toThrow(argumentError("url"));
    expect(injected).not.toHaveBeenCalled();
  });
});
