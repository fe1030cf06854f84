import { describe, expect, it } from "vitest";
import { ProviderError, refreshTokens, revokeToken, twitch } from "../../src/index.js";
import { useMockServer } from "../support/msw.js";
import {
  ACCESS_TOKEN,
  CLIENT_ID,
  credentials,
  NOW,
  REFRESH_TOKEN,
  rejection,
  serve,
} from "./contract.js";
import { describeOidcContract, recordedIdp, tokensOf } from "./oidc-contract.js";

const server = useMockServer();
const spec = { id: "twitch", issuer: "https://id.twitch.tv/oauth2" };
const SCOPES = ["openid", "user:read:email"];
const TOKEN = { method: "post", url: "https://id.twitch.tv/oauth2/token" } as const;
const REVOKE = { method: "post", url: "https://id.twitch.tv/oauth2/revoke" } as const;
/** Twitch's userinfo answers only the claims asked for by name. */
const WANTED = { email: null, email_verified: null, picture: null, preferred_username: null };

describeOidcContract(server, {
  ...spec,
  create: twitch,
  authorization: {
    endpoint: "https://id.twitch.tv/oauth2/authorize",
    scopes: SCOPES,
    pkce: true,
    params: { claims: JSON.stringify({ id_token: WANTED, userinfo: WANTED }) },
  },
  token: {
    clientAuth: "client_secret_post",
    exchange: {
      fixture: "token",
      tokens: tokensOf("twitch", "token", {
        tokenType: "bearer",
        // Sent as a JSON array, not RFC 6749's space-separated string.
        scopes: SCOPES,
        expiresAt: NOW + 14_124_000,
      }),
    },
    // Twitch states errors as {"status", "message"}, without an OAuth error code.
    errors: [
      {
        fixture: "token-error-invalid_code",
        status: 400,
        error: "api_error",
        errorDescription: "Invalid authorization code",
      },
      {
        fixture: "token-error-invalid_client_secret",
        status: 403,
        error: "api_error",
        errorDescription: "invalid client secret",
      },
    ],
  },
  user: {
    fixture: "userinfo",
    user: {
      provider: "twitch",
      id: "713936733",
      login: "scotwht",
      name: null,
      email: "scotwht@justin.tv",
      avatarUrl:
        "https://static-cdn.jtvnw.net/jtv_user_pictures/998f01ae-def8-11e9-b95c-784f43822e80-profile_image-300x300.png",
      profileUrl: null,
    },
  },
  refresh: {
    fixture: "refresh",
    tokens: tokensOf("twitch", "refresh", {
      tokenType: "bearer",
      scopes: SCOPES,
      expiresAt: NOW + 15_361_000,
    }),
  },
  revoke: {
    ...REVOKE,
    headers: { authorization: null },
    form: { client_id: CLIENT_ID, token: ACCESS_TOKEN },
    reply: { text: "" },
  },
  facts: {
    capabilities: {
      refresh: "always",
      revoke: true,
      revokeRefresh: false,
      device: false,
      pkce: true,
      verifiedEmail: true,
      uniqueLogin: false,
      endSession: false,
      backchannelLogout: false,
    },
    api: {
      baseUrl: "https://api.twitch.tv/helix",
      scheme: "Bearer",
      headers: { "client-id": CLIENT_ID },
      requestHeaders: [],
      etags: false,
    },
    access: ["users", "emails", "emailDomains", "groups"],
  },
});

describe("twitch quirks", () => {
  it('when a refresh answers {"error": "Bad Request", "message": …}, then it is a ProviderError with that message', async () => {
    await recordedIdp(server, spec);
    serve(server, "twitch", TOKEN, { fixture: "token-error-invalid_refresh_token", status: 400 });
    const error = await rejection(refreshTokens(await twitch(credentials), REFRESH_TOKEN));
    expect(error).toMatchObject({
      constructor: ProviderError,
      error: "Bad Request",
      errorDescription: "Invalid refresh token",
      status: 400,
    });
  });

  it('when revocation answers 400 "Invalid token" (already expired or revoked), then it counts as revoked', async () => {
    await recordedIdp(server, spec);
    serve(server, "twitch", REVOKE, { fixture: "revoke-error-invalid_token", status: 400 });
    await expect(revokeToken(await twitch(credentials), ACCESS_TOKEN)).resolves.toBeUndefined();
  });

  it("when revocation answers 404 for an unknown client, then it is a ProviderError", async () => {
    await recordedIdp(server, spec);
    serve(server, "twitch", REVOKE, { fixture: "revoke-error-unknown_client", status: 404 });
    const error = await rejection(revokeToken(await twitch(credentials), ACCESS_TOKEN));
    expect(error).toMatchObject({
      constructor: ProviderError,
      errorDescription: "client does not exist",
      status: 404,
    });
  });

  it("when the client id is another one, then Helix's Client-Id header carries that one, next to the token", async () => {
    await recordedIdp(server, spec);
    const provider = await twitch({ ...credentials, clientId: "another-client" });
    expect(provider.api?.headers).toEqual({ "client-id": "another-client" });
    expect(provider.api?.scheme).toBe("Bearer");
  });
});
