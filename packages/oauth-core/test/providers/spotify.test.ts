import { ProviderError, ResponseError, spotify } from "../../src/index.js";
import { useMockServer } from "../support/msw.js";
import { ACCESS_TOKEN, describeContract, NOW, restApi } from "./contract.js";

const server = useMockServer();
const SCOPES = ["user-read-email", "user-read-private"];

describeContract(server, {
  id: "spotify",
  catalogue: true,
  create: spotify,
  facts: {
    capabilities: {
      refresh: "always",
      revoke: false,
      revokeRefresh: false,
      device: false,
      pkce: true,
      verifiedEmail: false,
      uniqueLogin: true,
      endSession: false,
      backchannelLogout: false,
    },
    api: restApi("https://api.spotify.com/v1", { etags: true }),
    access: ["users"],
  },
  authorization: { endpoint: "https://accounts.spotify.com/authorize", scopes: SCOPES, pkce: true },
  token: {
    url: "https://accounts.spotify.com/api/token",
    clientAuth: "client_secret_basic",
    exchange: {
      fixture: "token",
      tokens: {
        accessToken: "BQBLuPRYBQ5nAY9i3bKn3GxW4dM8b1sMGAdqJ3HqOwbpTcqCyS1MDJjMNlOOD2Y6Fx2",
        tokenType: "bearer",
        scopes: SCOPES,
        expiresAt: NOW + 3_600_000,
        refreshToken: "AQAQfyEFmJJuCvAFh9EuZ4jNBpdCbS3ZtpMWCWGvpxhTvQ7lNVdh9GIdPTCvR2",
      },
    },
    errors: [
      {
        fixture: "token-error-invalid-grant",
        status: 400,
        error: "invalid_grant",
        errorDescription: "Invalid authorization code",
      },
      {
        fixture: "token-error-invalid-client",
        status: 400,
        error: "invalid_client",
        errorDescription: "Invalid client secret",
      },
    ],
  },
  user: {
    request: {
      method: "get",
      url: "https://api.spotify.com/v1/me",
      headers: { authorization: `Bearer ${ACCESS_TOKEN}` },
    },
    cases: [
      {
        fixture: "user",
        user: {
          provider: "spotify",
          id: "wizzler",
          login: "wizzler",
          name: "JM Wizzler",
          // Spotify documents the address as unverified: it stays in raw only.
          email: null,
          avatarUrl: "https://i.scdn.co/image/ab67757000003b8255c25988a6ac314394d3fbf5",
          profileUrl: "https://open.spotify.com/user/wizzler",
        },
      },
      {
        fixture: "user-no-image",
        user: {
          provider: "spotify",
          id: "31l77fd87g8h2uvu5ojwxrrd7yxe",
          login: "31l77fd87g8h2uvu5ojwxrrd7yxe",
          name: null,
          email: null,
          avatarUrl: null,
          profileUrl: null,
        },
      },
    ],
    errors: [
      { fixture: "api-error-expired", status: 401, type: ResponseError, fields: { status: 401 } },
      {
        fixture: "api-error-not-registered",
        status: 403,
        type: ProviderError,
        fields: {
          error: "api_error",
          errorDescription: "User not registered in the Developer Dashboard",
          status: 403,
        },
      },
      {
        fixture: "api-error-rate-limited",
        status: 429,
        type: ProviderError,
        fields: { errorDescription: "API rate limit exceeded", status: 429 },
      },
    ],
  },
  // Spotify may leave the refresh token out of a refresh: the TokenSet then has none.
  refresh: {
    fixture: "refresh",
    tokens: {
      accessToken: "BQBLuPRYBQ5nAY9i3bKn3GxW4dM8b1sMGAdqJ3HqOwbpTcqCyS1MDJjMNlOOD2Y6Fx3",
      tokenType: "bearer",
      scopes: SCOPES,
      expiresAt: NOW + 3_600_000,
    },
  },
  revoke: "unsupported",
});
