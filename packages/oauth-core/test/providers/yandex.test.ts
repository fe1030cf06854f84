import { ProviderError, ResponseError, UnsupportedError, yandex } from "../../src/index.js";
import { useMockServer } from "../support/msw.js";
import { ACCESS_TOKEN, BASIC, describeContract, NOW, restApi } from "./contract.js";

const server = useMockServer();
const SCOPES = ["login:info", "login:email", "login:avatar"];

describeContract(server, {
  id: "yandex",
  catalogue: true,
  create: yandex,
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
    api: restApi("https://login.yandex.ru", { scheme: "OAuth" }),
    access: ["users"],
  },
  authorization: { endpoint: "https://oauth.yandex.com/authorize", scopes: SCOPES, pkce: true },
  token: {
    url: "https://oauth.yandex.com/token",
    clientAuth: "client_secret_basic",
    exchange: {
      fixture: "token",
      tokens: {
        accessToken: "y0_AgAAAAB3sZJBAAzWWwAAAAEE1wq3AADKCbj3L-5IEJRvtEBrVkdHmPhvcQ",
        tokenType: "bearer",
        scopes: SCOPES,
        expiresAt: NOW + 31_536_000_000,
        refreshToken:
          "1:GN686QVt0mmakDd9:A4pYuW9LGk0_UnlrMIWklkAuJkUWbq27loFekJVmSYrdfzdePBy7:A-2dHOmBxiXgajnD-kYOwQ",
      },
    },
    errors: [
      {
        fixture: "token-error-invalid-grant",
        status: 400,
        error: "invalid_grant",
        errorDescription: "Code has expired",
      },
      {
        fixture: "token-error-invalid-client",
        status: 401,
        error: "invalid_client",
        errorDescription: "Client not found",
      },
    ],
  },
  user: {
    request: {
      method: "get",
      url: "https://login.yandex.ru/info",
      query: { format: "json" },
      // Yandex's own scheme, not Bearer.
      headers: { authorization: `OAuth ${ACCESS_TOKEN}` },
    },
    cases: [
      {
        fixture: "user",
        user: {
          provider: "yandex",
          id: "1000034426",
          login: "ivan",
          name: "Ivan Ivanov",
          email: "test@yandex.ru",
          avatarUrl: "https://avatars.yandex.net/get-yapic/131652443/islands-200",
          profileUrl: null,
        },
      },
      {
        fixture: "user-encoded-avatar",
        user: {
          provider: "yandex",
          id: "1000034427",
          login: "maria.p",
          name: "Maria Petrova",
          email: "maria.p@yandex.ru",
          avatarUrl:
            "https://avatars.yandex.net/get-yapic/21493/enc-6b0c2e8f4a1d93e7c5b2a0f1d8e4c7b3a9f6e2d1c0b5a4f3e2d1c0b9a8f7e6d5/islands-200",
          profileUrl: null,
        },
      },
      {
        fixture: "user-no-avatar",
        user: {
          provider: "yandex",
          id: "1130000012345678",
          login: "pdd-user@example.com",
          name: "pdd-user",
          email: null,
          avatarUrl: null,
          profileUrl: null,
        },
      },
    ],
    errors: [
      { text: "", status: 401, type: ResponseError, fields: { status: 401 } },
      { text: "Internal Server Error", status: 500, type: ResponseError, fields: { status: 500 } },
    ],
  },
  refresh: {
    fixture: "refresh",
    tokens: {
      accessToken: "y0_AgAAAAB3sZJBAAzWWwAAAAEE1wq3AADKCbj3L-5IEJRvtEBrVkdHmPhvcR",
      tokenType: "bearer",
      scopes: SCOPES,
      expiresAt: NOW + 31_536_000_000,
      refreshToken:
        "1:GN686QVt0mmakDd9:B4pYuW9LGk0_UnlrMIWklkAuJkUWbq27loFekJVmSYrdfzdePBy7:A-2dHOmBxiXgajnD-kYOwR",
    },
  },
  revoke: {
    method: "post",
    url: "https://oauth.yandex.com/revoke_token",
    headers: { authorization: BASIC },
    form: { access_token: ACCESS_TOKEN },
    errors: [
      // Yandex revokes only device tokens; an ordinary one stays valid.
      {
        fixture: "revoke-error-unsupported-token-type",
        status: 400,
        type: UnsupportedError,
        fields: { code: "unsupported" },
      },
      {
        fixture: "revoke-error-invalid-client",
        status: 401,
        type: ProviderError,
        fields: { error: "invalid_client", errorDescription: "Wrong client secret", status: 401 },
      },
    ],
  },
});
