import { describe, expect, it } from "vitest";
import { bitbucket, fetchUser, ProviderError, ResponseError } from "../../src/index.js";
import { useMockServer } from "../support/msw.js";
import {
  ACCESS_TOKEN,
  credentials,
  describeContract,
  expectSent,
  NOW,
  restApi,
  serve,
} from "./contract.js";

const server = useMockServer();
const API = "https://api.bitbucket.org/2.0";
const SCOPES = ["account", "email"];
const BEARER = { authorization: `Bearer ${ACCESS_TOKEN}` };
const USER = { method: "get", url: `${API}/user`, headers: BEARER } as const;
const EMAILS = { method: "get", url: `${API}/user/emails`, headers: BEARER } as const;
const TUTORIALS = {
  provider: "bitbucket",
  id: "{c788b2da-b7a2-404c-9e26-d3f077557007}",
  login: "tutorials",
  name: "Tutorials Account",
  email: null,
  avatarUrl:
    "https://secure.gravatar.com/avatar/1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d?d=https%3A%2F%2Favatar-management--avatars.us-west-2.prod.public.atl-paas.net%2Finitials%2FTA-1.png",
  profileUrl: "https://bitbucket.org/%7Bc788b2da-b7a2-404c-9e26-d3f077557007%7D/",
};

describeContract(server, {
  id: "bitbucket",
  catalogue: true,
  create: bitbucket,
  facts: {
    capabilities: {
      refresh: "always",
      revoke: false,
      revokeRefresh: false,
      device: false,
      pkce: true,
      verifiedEmail: true,
      uniqueLogin: false,
      endSession: false,
      backchannelLogout: false,
    },
    api: restApi("https://api.bitbucket.org/2.0"),
    access: ["users", "emails", "emailDomains"],
  },
  authorization: {
    endpoint: "https://bitbucket.org/site/oauth2/authorize",
    scopes: SCOPES,
    pkce: true,
  },
  token: {
    url: "https://bitbucket.org/site/oauth2/access_token",
    clientAuth: "client_secret_basic",
    exchange: {
      fixture: "token",
      tokens: {
        accessToken: "KCYtQtI8tv5b1sWq_RzM7lQ0mT8Wg0hVbKv4hIq3xWwZ5o3bUo4ZQkK1nJ4aY2tS9h5=",
        tokenType: "bearer",
        // Bitbucket names them "scopes", not "scope".
        scopes: SCOPES,
        expiresAt: NOW + 7_200_000,
        refreshToken: "sx6FMqk2Hr3PqjwHqJ",
      },
    },
    errors: [
      {
        fixture: "token-error-invalid-grant",
        status: 400,
        error: "invalid_grant",
        errorDescription: "The specified code is not valid.",
      },
      {
        fixture: "token-error-invalid-client",
        status: 400,
        error: "invalid_client",
        errorDescription: "Invalid OAuth client credentials",
      },
    ],
  },
  user: {
    request: USER,
    // Granted without the email scope, /user/emails is not asked.
    cases: [
      { fixture: "user", scopes: ["account"], user: TUTORIALS },
      {
        fixture: "user-nickname-only",
        scopes: ["account"],
        user: {
          provider: "bitbucket",
          id: "{d301aafa-d676-4ee0-88be-962be7417567}",
          login: "Emma",
          name: null,
          email: null,
          avatarUrl: null,
          profileUrl: "https://bitbucket.org/%7Bd301aafa-d676-4ee0-88be-962be7417567%7D/",
        },
      },
    ],
    errors: [
      {
        fixture: "api-error-token-expired",
        status: 401,
        type: ResponseError,
        fields: { status: 401 },
      },
      {
        fixture: "api-error-missing-scope",
        status: 403,
        type: ProviderError,
        fields: {
          error: "api_error",
          errorDescription: "Your credentials lack one or more required privilege scopes.",
          status: 403,
        },
      },
    ],
  },
  refresh: {
    fixture: "refresh",
    tokens: {
      accessToken: "Lz7uRtJ9uw6c2tXr_SaN8mR1nU9Xh1iWcLw5iJr4yXxA6p4cVp5AR1lL2oK5bZ3uT0i6=",
      tokenType: "bearer",
      scopes: SCOPES,
      expiresAt: NOW + 7_200_000,
      refreshToken: "sx6FMqk2Hr3PqjwHqJ",
    },
  },
  revoke: "unsupported",
});

describe("bitbucket() email", () => {
  it("when the email scope was granted, then /user/emails gives the primary confirmed address", async () => {
    const users = serve(server, "bitbucket", USER, { fixture: "user" });
    const emails = serve(server, "bitbucket", EMAILS, { fixture: "emails" });
    const { user } = await fetchUser(bitbucket(credentials), ACCESS_TOKEN, { scopes: SCOPES });
    expect(user).toEqual({ ...TUTORIALS, email: "tutorials@example.com" });
    await expectSent(users, USER);
    await expectSent(emails, EMAILS);
  });

  it("when the primary address is unconfirmed, then the email is null, not another address", async () => {
    serve(server, "bitbucket", USER, { fixture: "user" });
    serve(server, "bitbucket", EMAILS, { fixture: "emails-primary-unconfirmed" });
    const { user } = await fetchUser(bitbucket(credentials), ACCESS_TOKEN, { scopes: SCOPES });
    expect(user.email).toBeNull();
  });

  it("when /user/emails refuses the token's scopes, then it is a ProviderError", async () => {
    serve(server, "bitbucket", USER, { fixture: "user" });
    serve(server, "bitbucket", EMAILS, { fixture: "api-error-missing-scope", status: 403 });
    const user = fetchUser(bitbucket(credentials), ACCESS_TOKEN);
    await expect(user).rejects.toBeInstanceOf(ProviderError);
    await expect(user).rejects.toMatchObject({ status: 403 });
  });
});
