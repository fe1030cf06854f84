import { describe, expect, it } from "vitest";
import {
  assertAccessPolicy,
  checkAccess,
  createAuthorizationRequest,
  IdTokenError,
  microsoft,
  type ProviderDefinition,
  providers,
  ResponseError,
} from "../../src/index.js";
import { argumentError } from "../support/argument-error.js";
import { useMockServer } from "../support/msw.js";
import { type Claims, createTestIdp } from "../support/oidc-idp.js";
import { credentials, NOW, REDIRECT_URI, rejection } from "./contract.js";
import {
  describeOidcContract,
  exchange,
  recordedIdp,
  serveTokens,
  tokensOf,
} from "./oidc-contract.js";

const server = useMockServer();
const LOGIN = "https://login.microsoftonline.com";
const TID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER_TID = "0b9d6a4c-2e1f-4c3a-8d5b-7e6f1a2b3c4d";
const CONSUMERS_TID = "9188040d-6c67-4c5b-b112-36a304b66dad";
const issuerOf = (tenant: string) => `${LOGIN}/${tenant}/v2.0`;
const common = { id: "microsoft", issuer: issuerOf("common") };
/** What Entra puts in a v2.0 id_token besides the standard claims. */
const ENTRA_CLAIMS: Claims = {
  ver: "2.0",
  iss: issuerOf(TID),
  tid: TID,
  oid: "00000000-0000-0000-66f3-3332eca7ea81",
  preferred_username: "mikoll@contoso.com",
  name: "Mikah Ollenburg",
};

describeOidcContract(server, {
  ...common,
  create: microsoft,
  idTokenClaims: ENTRA_CLAIMS,
  authorization: {
    endpoint: `${LOGIN}/common/oauth2/v2.0/authorize`,
    scopes: ["openid", "profile", "email", "offline_access", "User.Read"],
    pkce: true,
  },
  token: {
    clientAuth: "client_secret_post",
    exchange: {
      fixture: "token",
      tokens: tokensOf("microsoft", "token", {
        tokenType: "bearer",
        scopes: ["openid", "profile", "email", "User.Read"],
        expiresAt: NOW + 4_753_000,
      }),
    },
    errors: [
      {
        fixture: "token-error-invalid_grant",
        status: 400,
        error: "invalid_grant",
        errorDescription: expect.stringMatching(/^AADSTS70008: The provided authorization code/),
        errorUri: "https://login.microsoftonline.com/error?code=70008",
      },
      {
        fixture: "token-error-invalid_client",
        status: 401,
        error: "invalid_client",
        errorDescription: expect.stringMatching(/^AADSTS7000215: Invalid client secret/),
      },
    ],
  },
  user: {
    fixture: "userinfo",
    // Graph's userinfo has no preferred_username, and its picture needs the token: no avatar.
    user: {
      provider: "microsoft",
      id: "OLu859SGc2Sr9ZsqbkG-QbeLgJlb41KcdiPoLYNpSFA",
      login: "mikoll@contoso.com",
      name: "Mikah Ollenburg",
      email: "mikoll@contoso.com",
      avatarUrl: null,
      profileUrl: null,
    },
  },
  refresh: {
    fixture: "refresh",
    tokens: tokensOf("microsoft", "refresh", {
      tokenType: "bearer",
      scopes: ["openid", "profile", "email", "User.Read"],
      expiresAt: NOW + 4_211_000,
    }),
  },
  // Entra ID has no RFC 7009 endpoint, and its discovery document lists none.
  revoke: "unsupported",
  facts: {
    capabilities: {
      // The default scopes ask for offline_access.
      refresh: "always",
      revoke: false,
      revokeRefresh: false,
      device: false,
      pkce: true,
      verifiedEmail: false,
      uniqueLogin: false,
      endSession: true,
      backchannelLogout: false,
    },
    api: {
      baseUrl: "https://graph.microsoft.com",
      scheme: "Bearer",
      headers: {},
      requestHeaders: ["consistencylevel"],
      etags: false,
    },
    // Its email claim is unverified: no email rules at all.
    access: ["users", "groups"],
  },
});

describe("microsoft multi-tenant issuers", () => {
  it.each([
    ["names another tenant than its tid", { iss: issuerOf(OTHER_TID) }],
    ["is the {tenantid} template itself", { iss: `${LOGIN}/{tenantid}/v2.0` }],
    ["has no tid", { tid: undefined }],
    ["has a tid that is not a GUID", { tid: "../evil", iss: issuerOf("../evil") }],
  ])("when the id_token %s, then it is an IdTokenError on iss", async (_case, claims) => {
    const idp = await recordedIdp(server, common);
    await serveTokens(idp, "microsoft", "token", { ...ENTRA_CLAIMS, ...claims });
    const error = await rejection(exchange(await microsoft(credentials)));
    expect(error).toBeInstanceOf(IdTokenError);
    expect(error).toMatchObject({ check: "iss" });
  });

  it("when the id_token comes from a personal account (the consumers tenant), then common accepts it", async () => {
    const idp = await recordedIdp(server, common);
    const claims = { ...ENTRA_CLAIMS, tid: CONSUMERS_TID, iss: issuerOf(CONSUMERS_TID) };
    await serveTokens(idp, "microsoft", "token", claims);
    await expect(exchange(await microsoft(credentials))).resolves.toMatchObject({
      idTokenClaims: { iss: issuerOf(CONSUMERS_TID), tid: CONSUMERS_TID },
    });
  });

  it("when the tenant is a directory ID, then its document's issuer is exact and another tenant's token is refused", async () => {
    const tenant = { id: "microsoft", issuer: issuerOf(TID) };
    const idp = await recordedIdp(server, tenant);
    idp.document.issuer = issuerOf(TID);
    const provider = await microsoft({ ...credentials, tenant: TID.toUpperCase() });
    await serveTokens(idp, "microsoft", "token", ENTRA_CLAIMS);
    await expect(exchange(provider)).resolves.toMatchObject({ idTokenClaims: { tid: TID } });
    const claims = { ...ENTRA_CLAIMS, tid: OTHER_TID, iss: issuerOf(OTHER_TID) };
    await serveTokens(idp, "microsoft", "token", claims);
    await expect(exchange(provider)).rejects.toMatchObject({ check: "iss" });
  });

  it("when the tenant is consumers, then its document must state the personal-accounts tenant", async () => {
    const idp = await createTestIdp(server, {
      issuer: issuerOf("consumers"),
      document: { issuer: issuerOf(CONSUMERS_TID) },
      alg: "RS256",
    });
    const provider = await microsoft({ ...credentials, tenant: "consumers" });
    await expect(
      createAuthorizationRequest(provider, { redirectUri: REDIRECT_URI }),
    ).resolves.toBeDefined();
    idp.document.issuer = `${LOGIN}/{tenantid}/v2.0`;
    await expect(microsoft({ ...credentials, tenant: "consumers" })).rejects.toBeInstanceOf(
      ResponseError,
    );
  });

  it("when the tenant is a domain name, then it is an ArgumentError: its document states the GUID", () => {
    expect(() => microsoft({ ...credentials, tenant: "contoso.onmicrosoft.com" })).toThrow(
      argumentError("tenant"),
    );
  });

  it("when the catalogue gets TENANT, then the provider uses that tenant's endpoints", async () => {
    await createTestIdp(server, {
      issuer: issuerOf("organizations"),
      document: { issuer: `${LOGIN}/{tenantid}/v2.0` },
      alg: "RS256",
    });
    await recordedIdp(server, common);
    const { create } = providers.microsoft as ProviderDefinition;
    await expect(create({ ...credentials, tenant: "organizations" })).resolves.toMatchObject({
      issuer: issuerOf("organizations"),
      endpoints: { authorization: `${issuerOf("organizations")}/authorize` },
    });
    await expect(create(credentials)).resolves.toMatchObject({ issuer: issuerOf("common") });
  });

  it("when offline_access is not among the scopes, then no refresh token is to be expected", async () => {
    await recordedIdp(server, common);
    const provider = await microsoft({ ...credentials, scopes: ["openid", "profile", "email"] });
    expect(provider.capabilities.refresh).toBe("never");
  });
});

describe("microsoft access rules", () => {
  it("when a policy names emails or email domains, then it is refused: Microsoft's email claim is unverified", () => {
    const definition = providers.microsoft as ProviderDefinition;
    expect(() => assertAccessPolicy(definition, { emailDomains: ["contoso.com"] })).toThrow(
      argumentError("emailDomains"),
    );
    expect(() => assertAccessPolicy(definition, { emails: ["mikoll@contoso.com"] })).toThrow(
      argumentError("emails"),
    );
    expect(() => assertAccessPolicy(definition, { users: ["x"], groups: ["g"] })).not.toThrow();
  });

  it("when the id_token claims email_verified for the address, then an email rule still cannot admit anyone", async () => {
    await recordedIdp(server, common);
    const provider = await microsoft(credentials);
    const user = {
      provider: "microsoft",
      id: "OLu859SGc2Sr9ZsqbkG-QbeLgJlb41KcdiPoLYNpSFA",
      login: "mikoll@contoso.com",
      name: null,
      email: "mikoll@contoso.com",
      avatarUrl: null,
      profileUrl: null,
    };
    const claims = { email: user.email, email_verified: true };
    await expect(
      checkAccess(provider, { accessToken: "t", user, claims }, { emails: [user.email] }),
    ).rejects.toThrow(argumentError("emails"));
    await expect(
      checkAccess(provider, { accessToken: "t", user, claims }, { users: [user.id] }),
    ).resolves.toEqual({ allowed: true, via: "users" });
  });
});
