import { describe, expect, it } from "vitest";
import {
  assertAccessPolicy,
  type CommonProviderOptions,
  exchangeCode,
  fetchUser,
  oauth2,
  type ProviderDefinition,
  ProviderError,
  providers,
  ResponseError,
  revokeToken,
  UnsupportedError,
} from "../../src/index.js";
import { argumentError } from "../support/argument-error.js";
import { useMockServer } from "../support/msw.js";
import {
  ACCESS_TOKEN,
  BASIC,
  CLIENT_ID,
  CLIENT_SECRET,
  CODE,
  CODE_VERIFIER,
  credentials,
  describeContract,
  NOW,
  REDIRECT_URI,
  restApi,
  serve,
} from "./contract.js";

const server = useMockServer();
const AUTH = "https://auth.example.com";
const endpoints = {
  authorizationUrl: `${AUTH}/oauth/authorize`,
  tokenUrl: `${AUTH}/oauth/token`,
  userinfoUrl: `${AUTH}/api/me`,
  revocationUrl: `${AUTH}/oauth/revoke`,
};
const USERINFO = { method: "get", url: endpoints.userinfoUrl } as const;
const TOKEN = { method: "post", url: endpoints.tokenUrl } as const;
const make = (options: CommonProviderOptions) => oauth2({ ...options, ...endpoints });
const TOKENS = {
  accessToken: "2YotnFZFEjr1zCsicMWpAA",
  tokenType: "bearer",
  scopes: ["read:user", "email"],
  expiresAt: NOW + 3_600_000,
  refreshToken: "tGzv3JOkF0XG5Qx2TlKWIA",
};

describeContract(server, {
  id: "oauth2",
  create: make,
  facts: {
    capabilities: {
      refresh: "on request",
      revoke: true,
      revokeRefresh: true,
      device: false,
      pkce: true,
      verifiedEmail: false,
      uniqueLogin: false,
      endSession: false,
      backchannelLogout: false,
    },
    api: undefined,
    access: ["users"],
  },
  authorization: { endpoint: endpoints.authorizationUrl, scopes: [], pkce: true },
  token: {
    url: endpoints.tokenUrl,
    clientAuth: "client_secret_basic",
    exchange: { fixture: "token", tokens: TOKENS },
    errors: [
      {
        fixture: "token-error-invalid_grant",
        status: 400,
        error: "invalid_grant",
        errorDescription: "The authorization code is invalid or has expired.",
      },
    ],
  },
  user: {
    request: { ...USERINFO, headers: { authorization: `Bearer ${ACCESS_TOKEN}` } },
    cases: [
      {
        fixture: "userinfo-github-like",
        user: {
          provider: "oauth2",
          id: "5832347",
          login: "octocat",
          name: "The Octocat",
          email: "octocat@example.com",
          avatarUrl: "https://avatars.example.com/u/5832347?v=4",
          profileUrl: "https://code.example.com/octocat",
        },
      },
      {
        fixture: "userinfo-oidc-like",
        user: {
          provider: "oauth2",
          id: "248289761001",
          login: "j.doe",
          name: "Jane Doe",
          // email_verified: false
          email: null,
          avatarUrl: "https://auth.example.com/janedoe/me.jpg",
          profileUrl: "https://auth.example.com/janedoe",
        },
      },
    ],
    errors: [
      { status: 401, text: "", type: ResponseError, fields: { status: 401 } },
      { status: 500, text: "oops", type: ResponseError, fields: { status: 500 } },
    ],
  },
  refresh: { fixture: "token", tokens: TOKENS },
  revoke: {
    method: "post",
    url: endpoints.revocationUrl,
    headers: { authorization: BASIC },
    form: { token: ACCESS_TOKEN, token_type_hint: "access_token" },
    reply: { text: "" },
    errors: [
      {
        fixture: "token-error-invalid_grant",
        status: 400,
        type: ProviderError,
        fields: { error: "invalid_grant", status: 400 },
      },
    ],
  },
});

describe("oauth2 (generic) settings and quirks", () => {
  it('when the user info has neither "sub" nor "id", then it is a ResponseError naming both', async () => {
    serve(server, "oauth2", USERINFO, { text: JSON.stringify({ login: "octocat" }) });
    await expect(fetchUser(make(credentials), ACCESS_TOKEN)).rejects.toThrow(
      'the user info has no "sub" or "id"',
    );
  });

  it("when a field has an unexpected type, then it is left out rather than trusted", async () => {
    const body = { id: "7", login: 7, picture: { data: { url: "https://x" } }, email: "a@b.c" };
    serve(server, "oauth2", USERINFO, { text: JSON.stringify(body) });
    const { user } = await fetchUser(make(credentials), ACCESS_TOKEN);
    expect(user).toMatchObject({ id: "7", login: "a@b.c", avatarUrl: null });
  });

  it("when the catalogue gets PKCE=false and CLIENT_AUTH=client_secret_post, then no PKCE and the secret goes in the body", async () => {
    const { create } = providers.oauth2 as ProviderDefinition;
    const provider = await create({
      ...credentials,
      ...endpoints,
      pkce: "false",
      clientAuth: "client_secret_post",
    });
    expect(provider.capabilities.pkce).toBe(false);
    const requests = serve(server, "oauth2", TOKEN, { fixture: "token" });
    await exchangeCode(provider, {
      code: CODE,
      redirectUri: REDIRECT_URI,
      codeVerifier: CODE_VERIFIER,
    });
    const form = Object.fromEntries(new URLSearchParams(await requests[0]?.text()));
    expect(form).toEqual({
      grant_type: "authorization_code",
      code: CODE,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
  });

  it.each([
    ["an http endpoint off localhost", { tokenUrl: "http://auth.example.com/token" }, "tokenUrl"],
    ["a relative endpoint", { userinfoUrl: "/api/me" }, "userinfoUrl"],
    ["an unknown client authentication", { clientAuth: "private_key_jwt" }, "clientAuth"],
    ["a PKCE setting that is not true or false", { pkce: "yes" }, "pkce"],
    ["an API URL that is not https", { apiUrl: "http://api.example.com" }, "apiUrl"],
  ])(
    "when the catalogue gets %s, then it is an ArgumentError naming it",
    (_case, settings, name) => {
      const { create } = providers.oauth2 as ProviderDefinition;
      expect(() => create({ ...credentials, ...endpoints, ...settings })).toThrow(
        argumentError(name),
      );
    },
  );

  it("when no revocation URL is set, then revoking is an UnsupportedError and the provider says it cannot", async () => {
    const { revocationUrl: _, ...withoutRevocation } = endpoints;
    const provider = oauth2({ ...credentials, ...withoutRevocation });
    expect(provider.capabilities.revoke).toBe(false);
    await expect(revokeToken(provider, ACCESS_TOKEN)).rejects.toBeInstanceOf(UnsupportedError);
  });

  it("when API_URL is set, then the provider has that API, called with Bearer, without its trailing slash", async () => {
    const { create } = providers.oauth2 as ProviderDefinition;
    const provider = await create({ ...credentials, ...endpoints, apiUrl: `${AUTH}/api/v2/` });
    expect(provider.api).toEqual(restApi(`${AUTH}/api/v2`));
  });

  it("when an email rule is configured for oauth2(), then it is refused: nothing says the address is verified", () => {
    const definition = providers.oauth2 as ProviderDefinition;
    expect(() => assertAccessPolicy(definition, { emailDomains: ["example.com"] })).toThrow(
      argumentError("emailDomains"),
    );
    expect(() => assertAccessPolicy(make(credentials), { users: ["5832347"] })).not.toThrow();
  });

  it("when NAME is set, then it is the provider's name; the three endpoints are required settings", async () => {
    const definition = providers.oauth2 as ProviderDefinition;
    const provider = await definition.create({ ...credentials, ...endpoints, name: "Acme" });
    expect(provider.name).toBe("Acme");
    expect(definition.settings.filter((s) => s.required).map((s) => s.env)).toEqual([
      "AUTHORIZATION_URL",
      "TOKEN_URL",
      "USERINFO_URL",
    ]);
  });
});
