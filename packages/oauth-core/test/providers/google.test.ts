import { describe, expect, it } from "vitest";
import {
  callbackChecksFor,
  createAuthorizationRequest,
  fetchUser,
  google,
  IdTokenError,
  type ProviderDefinition,
  ProviderError,
  providers,
  revokeToken,
} from "../../src/index.js";
import { argumentError } from "../support/argument-error.js";
import { useMockServer } from "../support/msw.js";
import { createTestIdp, LOCAL_ISSUER } from "../support/oidc-idp.js";
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
import {
  describeOidcContract,
  exchange,
  recordedIdp,
  serveTokens,
  tokensOf,
} from "./oidc-contract.js";

const server = useMockServer();
const ISSUER = "https://accounts.google.com";
const SCOPES = [
  "openid",
  "https://www.googleapis.com/auth/userinfo.email",
  "https://www.googleapis.com/auth/userinfo.profile",
];
const REVOKE = { method: "post", url: "https://oauth2.googleapis.com/revoke" } as const;
const spec = { id: "google", issuer: ISSUER };

describeOidcContract(server, {
  ...spec,
  create: google,
  authorization: {
    endpoint: "https://accounts.google.com/o/oauth2/v2/auth",
    scopes: ["openid", "email", "profile"],
    pkce: true,
  },
  token: {
    clientAuth: "client_secret_basic",
    exchange: {
      fixture: "token",
      tokens: tokensOf("google", "token", {
        tokenType: "bearer",
        scopes: SCOPES,
        expiresAt: NOW + 3_599_000,
      }),
    },
    errors: [
      {
        fixture: "token-error-invalid_grant",
        status: 400,
        error: "invalid_grant",
        errorDescription: "Bad Request",
      },
      {
        fixture: "token-error-invalid_client",
        status: 401,
        error: "invalid_client",
        errorDescription: "Unauthorized",
      },
      { fixture: "token-error-redirect_uri_mismatch", status: 400, error: "redirect_uri_mismatch" },
    ],
  },
  user: {
    fixture: "userinfo",
    user: {
      provider: "google",
      id: "110169484474386276334",
      login: "ada.lovelace",
      name: "Ada Lovelace",
      email: "ada.lovelace@example.com",
      avatarUrl:
        "https://lh3.googleusercontent.com/a/ACg8ocJ5xQ2mV7kL9pN3rT1sW4yZ6bD8fH0jK2lM4nP6qR8s=s96-c",
      profileUrl: null,
    },
  },
  refresh: {
    fixture: "refresh",
    tokens: tokensOf("google", "refresh", {
      tokenType: "bearer",
      scopes: SCOPES,
      expiresAt: NOW + 3_599_000,
    }),
  },
  revoke: {
    ...REVOKE,
    headers: { authorization: BASIC },
    form: { token: ACCESS_TOKEN, token_type_hint: "access_token" },
    reply: { text: "" },
  },
  facts: {
    capabilities: {
      // A refresh token only with `offline`.
      refresh: "never",
      revoke: true,
      revokeRefresh: true,
      device: false,
      pkce: true,
      verifiedEmail: true,
      // The login is an email's local part, which anyone's address may share.
      uniqueLogin: false,
      endSession: false,
      backchannelLogout: false,
    },
    api: {
      baseUrl: "https://www.googleapis.com",
      scheme: "Bearer",
      headers: {},
      requestHeaders: [],
      etags: true,
    },
    access: ["users", "emails", "emailDomains", "groups"],
  },
});

describe("google quirks", () => {
  it("when offline is set, then the request asks for a refresh token and for consent", async () => {
    await recordedIdp(server, spec);
    const provider = await google({ ...credentials, offline: true });
    const { url } = await createAuthorizationRequest(provider, { redirectUri: REDIRECT_URI });
    expect(url.searchParams.get("access_type")).toBe("offline");
    expect(url.searchParams.get("prompt")).toBe("consent");
    expect(provider.capabilities.refresh).toBe("always");
  });

  it('when the id_token says iss "accounts.google.com" (documented by Google), then it is accepted', async () => {
    const idp = await recordedIdp(server, spec);
    await serveTokens(idp, "google", "token", { iss: "accounts.google.com" });
    await expect(exchange(await google(credentials))).resolves.toMatchObject({
      idTokenClaims: { iss: "accounts.google.com" },
    });
  });

  it("when the id_token names another issuer, then it is an IdTokenError on iss", async () => {
    const idp = await recordedIdp(server, spec);
    await serveTokens(idp, "google", "token", { iss: "https://evil.example" });
    await expect(exchange(await google(credentials))).rejects.toMatchObject({
      constructor: IdTokenError,
      check: "iss",
    });
  });

  it("when another issuer stands in (the dev mock), then it is discovered there and no alias is accepted", async () => {
    const idp = await createTestIdp(server, { issuer: LOCAL_ISSUER, alg: "RS256" });
    const provider = await google({ ...credentials, issuer: LOCAL_ISSUER });
    const { url } = await createAuthorizationRequest(provider, { redirectUri: REDIRECT_URI });
    expect(`${url.origin}${url.pathname}`).toBe(`${LOCAL_ISSUER}/authorize`);
    expect(callbackChecksFor(provider)).toMatchObject({ expectedIssuer: LOCAL_ISSUER });
    await serveTokens(idp, "google", "token", { iss: "accounts.google.com" });
    await expect(exchange(provider)).rejects.toMatchObject({ check: "iss" });
  });

  it("when Google says the email is not verified, then email is null and login is the sub", async () => {
    await recordedIdp(server, spec);
    const userinfo = { ...(fixture("google", "userinfo") as object), email_verified: false };
    serve(
      server,
      "google",
      { method: "get", url: "https://openidconnect.googleapis.com/v1/userinfo" },
      { text: JSON.stringify(userinfo) },
    );
    const { user } = await fetchUser(await google(credentials), ACCESS_TOKEN);
    expect(user).toMatchObject({ email: null, login: "110169484474386276334" });
  });

  it("when revocation answers the recorded 400 invalid_token (already expired or revoked), then it counts as revoked", async () => {
    await recordedIdp(server, spec);
    serve(server, "google", REVOKE, { fixture: "revoke-error-invalid_token", status: 400 });
    await expect(revokeToken(await google(credentials), ACCESS_TOKEN)).resolves.toBeUndefined();
  });

  it("when revocation answers another OAuth error, then it is a ProviderError", async () => {
    await recordedIdp(server, spec);
    serve(server, "google", REVOKE, { fixture: "token-error-invalid_client", status: 401 });
    const error = await rejection(revokeToken(await google(credentials), ACCESS_TOKEN));
    expect(error).toMatchObject({ constructor: ProviderError, error: "invalid_client" });
  });

  it("when apiUrl is set (the dev mock), then the API is there without a trailing slash; a relative one is an ArgumentError at once", async () => {
    await recordedIdp(server, spec);
    const provider = await google({ ...credentials, apiUrl: "http://localhost:4000/google/" });
    expect(provider.api?.baseUrl).toBe("http://localhost:4000/google");
    expect(() => google({ ...credentials, apiUrl: "/google" })).toThrow(argumentError("apiUrl"));
  });

  it('when the catalogue gets OFFLINE="true", then offline is on; any other word is an ArgumentError', async () => {
    await recordedIdp(server, spec);
    const { create } = providers.google as ProviderDefinition;
    const provider = await create({ ...credentials, offline: "true" });
    const { url } = await createAuthorizationRequest(provider, { redirectUri: REDIRECT_URI });
    expect(url.searchParams.get("access_type")).toBe("offline");
    expect(() => create({ ...credentials, offline: "yes" })).toThrow(argumentError("offline"));
  });
});
