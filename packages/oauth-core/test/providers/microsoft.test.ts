import { describe, expect, it } from "vitest";
import {
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
    const error = await rejection(exchange(microsoft(credentials)));
    expect(error).toBeInstanceOf(IdTokenError);
    expect(error).toMatchObject({ check: "iss" });
  });

  it("when the id_token comes from a personal account (the consumers tenant), then common accepts it", async () => {
    const idp = await recordedIdp(server, common);
    const claims = { ...ENTRA_CLAIMS, tid: CONSUMERS_TID, iss: issuerOf(CONSUMERS_TID) };
    await serveTokens(idp, "microsoft", "token", claims);
    await expect(exchange(microsoft(credentials))).resolves.toMatchObject({
      idTokenClaims: { iss: issuerOf(CONSUMERS_TID), tid: CONSUMERS_TID },
    });
  });

  it("when the tenant is a directory ID, then its document's issuer is exact and another tenant's token is refused", async () => {
    const tenant = { id: "microsoft", issuer: issuerOf(TID) };
    const idp = await recordedIdp(server, tenant);
    idp.document.issuer = issuerOf(TID);
    const provider = microsoft({ ...credentials, tenant: TID.toUpperCase() });
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
    const provider = microsoft({ ...credentials, tenant: "consumers" });
    await expect(
      createAuthorizationRequest(provider, { redirectUri: REDIRECT_URI }),
    ).resolves.toBeDefined();
    idp.document.issuer = `${LOGIN}/{tenantid}/v2.0`;
    const other = microsoft({ ...credentials, tenant: "consumers" });
    await expect(
      createAuthorizationRequest(other, { redirectUri: REDIRECT_URI }),
    ).rejects.toBeInstanceOf(ResponseError);
  });

  it("when the tenant is a domain name, then it is an ArgumentError: its document states the GUID", () => {
    expect(() => microsoft({ ...credentials, tenant: "contoso.onmicrosoft.com" })).toThrow(
      argumentError("tenant"),
    );
  });

  it("when the catalogue gets TENANT, then the provider uses that tenant's endpoints", () => {
    const { create } = providers.microsoft as ProviderDefinition;
    expect(create({ ...credentials, tenant: "organizations" }).issuer).toBe(
      issuerOf("organizations"),
    );
    expect(create(credentials).issuer).toBe(issuerOf("common"));
  });
});
