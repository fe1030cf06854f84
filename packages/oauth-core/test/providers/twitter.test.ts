import { ProviderError, ResponseError, twitter } from "../../src/index.js";
import { useMockServer } from "../support/msw.js";
import { ACCESS_TOKEN, basicRevocation, describeContract, NOW, restApi } from "./contract.js";

const server = useMockServer();
const SCOPES = ["users.read", "tweet.read", "offline.access"];

describeContract(server, {
  id: "twitter",
  catalogue: true,
  create: twitter,
  facts: {
    capabilities: {
      refresh: "on request",
      revoke: true,
      revokeRefresh: true,
      device: false,
      pkce: true,
      verifiedEmail: false,
      uniqueLogin: true,
      endSession: false,
      backchannelLogout: false,
    },
    api: restApi("https://api.twitter.com/2"),
    access: ["users"],
  },
  authorization: { endpoint: "https://twitter.com/i/oauth2/authorize", scopes: SCOPES, pkce: true },
  token: {
    url: "https://api.twitter.com/2/oauth2/token",
    clientAuth: "client_secret_basic",
    exchange: {
      fixture: "token",
      tokens: {
        accessToken:
          "bWRWa2p0S0Z3b2FPN0pvV0h0aWh3OHB1NjlzV0x4TGZHT0RpS2M6MTcwMDAwMDAwMDAwMDoxOjE6YXQ6MQ",
        tokenType: "bearer",
        scopes: SCOPES,
        expiresAt: NOW + 7_200_000,
        refreshToken:
          "UzVNbzdGdkRqblhfWDZyb2tBZVVTSVBwQ1ZjeEJ0aEl5ZWpWcjE6MTcwMDAwMDAwMDAwMDoxOjE6cnQ6MQ",
      },
    },
    errors: [
      {
        fixture: "token-error-invalid-request",
        status: 400,
        error: "invalid_request",
        errorDescription: "Value passed for the authorization code was invalid.",
      },
      {
        fixture: "token-error-unauthorized-client",
        status: 401,
        error: "unauthorized_client",
        errorDescription: "Missing valid authorization header",
      },
    ],
  },
  user: {
    request: {
      method: "get",
      url: "https://api.twitter.com/2/users/me",
      query: { "user.fields": "profile_image_url,name,username" },
      headers: { authorization: `Bearer ${ACCESS_TOKEN}` },
    },
    cases: [
      {
        fixture: "user",
        user: {
          provider: "twitter",
          id: "2244994945",
          login: "XDevelopers",
          name: "Developers",
          // X's API v2 does not give the email address.
          email: null,
          avatarUrl: "https://pbs.twimg.com/profile_images/1683899100922511378/5lY42eHs_normal.jpg",
          profileUrl: "https://x.com/XDevelopers",
        },
      },
      {
        fixture: "user-no-image",
        user: {
          provider: "twitter",
          id: "1460000000000000000",
          login: "quiet_one",
          name: null,
          email: null,
          avatarUrl: null,
          profileUrl: "https://x.com/quiet_one",
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
        fixture: "api-error-client-forbidden",
        status: 403,
        type: ProviderError,
        fields: {
          error: "client-not-enrolled",
          errorUri: "https://api.twitter.com/2/problems/client-forbidden",
          status: 403,
        },
      },
      {
        fixture: "api-error-too-many-requests",
        status: 429,
        type: ProviderError,
        fields: { error: "Too Many Requests", errorUri: undefined, status: 429 },
      },
      // HTTP 200 with only `errors`: there is no user to normalize.
      { fixture: "user-errors-only", status: 200, type: ResponseError, fields: { status: 200 } },
    ],
  },
  refresh: {
    fixture: "refresh",
    tokens: {
      accessToken:
        "WGZ0a0Y1a0h4bXFuY2RZT0hUR2NnRktFd0gzNjJ1bE5VY0dFdjc6MTcwMDAwNzIwMDAwMDoxOjE6YXQ6MQ",
      tokenType: "bearer",
      scopes: SCOPES,
      expiresAt: NOW + 7_200_000,
      refreshToken:
        "cUx0dWpXZ2VyZU9YRGZzSmdfUFBiM3FtZ0l1WWZ0WnVBWmhpRzY6MTcwMDAwNzIwMDAwMDoxOjE6cnQ6MQ",
    },
  },
  revoke: basicRevocation("https://api.twitter.com/2/oauth2/revoke", [
    {
      fixture: "revoke-error",
      status: 400,
      type: ProviderError,
      fields: { error: "invalid_request", status: 400 },
    },
  ]),
});
