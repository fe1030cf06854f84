import { discord, ProviderError, ResponseError } from "../../src/index.js";
import { useMockServer } from "../support/msw.js";
import { ACCESS_TOKEN, basicRevocation, describeContract, NOW, restApi } from "./contract.js";

const server = useMockServer();
const API = "https://discord.com/api";
const USER = { method: "get", url: `${API}/users/@me` } as const;

describeContract(server, {
  id: "discord",
  catalogue: true,
  create: discord,
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
    api: restApi("https://discord.com/api"),
    access: ["users", "emails", "emailDomains"],
  },
  authorization: {
    endpoint: "https://discord.com/oauth2/authorize",
    scopes: ["identify", "email"],
    pkce: true,
  },
  token: {
    url: `${API}/oauth2/token`,
    clientAuth: "client_secret_basic",
    exchange: {
      fixture: "token",
      tokens: {
        accessToken: "6qrZcUqja7812RVdnEKjpzOL4CvHBFG",
        tokenType: "bearer",
        scopes: ["identify", "email"],
        expiresAt: NOW + 604_800_000,
        refreshToken: "D43f5y0ahjqew82jZ4NViEr2YafMKhue",
      },
    },
    errors: [
      {
        fixture: "token-error-invalid-grant",
        status: 400,
        error: "invalid_grant",
        errorDescription: 'Invalid "code" in request.',
      },
      // Discord sends no description with this one.
      {
        fixture: "token-error-invalid-client",
        status: 401,
        error: "invalid_client",
        errorDescription: undefined,
      },
    ],
  },
  user: {
    request: { ...USER, headers: { authorization: `Bearer ${ACCESS_TOKEN}` } },
    cases: [
      {
        fixture: "user",
        user: {
          provider: "discord",
          id: "80351110224678912",
          login: "nelly",
          name: "Nelly",
          email: "nelly@discord.com",
          avatarUrl:
            "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png",
          profileUrl: "https://discord.com/users/80351110224678912",
        },
      },
      {
        fixture: "user-unverified-no-avatar",
        user: {
          provider: "discord",
          id: "80351110224678913",
          login: "newcomer",
          name: null,
          email: null,
          avatarUrl: null,
          profileUrl: "https://discord.com/users/80351110224678913",
        },
      },
    ],
    errors: [
      {
        fixture: "api-error-unauthorized",
        status: 401,
        type: ResponseError,
        fields: { status: 401 },
      },
      {
        fixture: "api-error-rate-limited",
        status: 429,
        type: ProviderError,
        fields: {
          error: "api_error",
          errorDescription: "You are being rate limited.",
          status: 429,
        },
      },
      {
        fixture: "api-error-missing-access",
        status: 403,
        type: ProviderError,
        fields: { error: "discord_50001", errorDescription: "Missing Access", status: 403 },
      },
      { text: "upstream connect error", status: 500, type: ResponseError, fields: { status: 500 } },
    ],
  },
  refresh: {
    fixture: "refresh",
    tokens: {
      accessToken: "6qrZcUqja7812RVdnEKjpzOL4CvHBFH",
      tokenType: "bearer",
      scopes: ["identify", "email"],
      expiresAt: NOW + 604_800_000,
      refreshToken: "D43f5y0ahjqew82jZ4NViEr2YafMKhuf",
    },
  },
  revoke: basicRevocation(`${API}/oauth2/token/revoke`, [
    {
      fixture: "token-error-invalid-client",
      status: 401,
      type: ProviderError,
      fields: { error: "invalid_client", status: 401 },
    },
  ]),
});
