import { describe, expect, it } from "vitest";
import { facebook, ProviderError, ResponseError, revokeToken } from "../../src/index.js";
import { useMockServer } from "../support/msw.js";
import { ACCESS_TOKEN, credentials, describeContract, NOW, restApi, serve } from "./contract.js";

const server = useMockServer();
const GRAPH = "https://graph.facebook.com/v19.0";
const SCOPES = ["email", "public_profile"];
const REVOKE = {
  method: "delete",
  url: `${GRAPH}/me/permissions`,
  headers: { authorization: `Bearer ${ACCESS_TOKEN}` },
} as const;

describeContract(server, {
  id: "facebook",
  catalogue: true,
  create: facebook,
  facts: {
    capabilities: {
      refresh: "never",
      revoke: true,
      revokeRefresh: false,
      device: false,
      pkce: true,
      verifiedEmail: true,
      uniqueLogin: false,
      endSession: false,
      backchannelLogout: false,
    },
    api: restApi("https://graph.facebook.com/v19.0"),
    access: ["users", "emails", "emailDomains"],
  },
  authorization: {
    endpoint: "https://www.facebook.com/v19.0/dialog/oauth",
    scopes: SCOPES,
    pkce: true,
  },
  token: {
    url: `${GRAPH}/oauth/access_token`,
    clientAuth: "client_secret_post",
    exchange: {
      fixture: "token",
      tokens: {
        accessToken: "EAAGm0PX4ZCpsBAKZAj7ZBqg2JmQ8ZCZB2ZAg3ZCbZA7sW3ZCgZDZD",
        tokenType: "bearer",
        scopes: [],
        expiresAt: NOW + 5_183_944_000,
      },
    },
    // Graph nests its errors: {"error": {"message", "type", "code", "fbtrace_id"}}.
    errors: [
      {
        fixture: "token-error-code-used",
        status: 400,
        error: "OAuthException",
        errorDescription: "This authorization code has been used. (code 100)",
      },
      {
        fixture: "token-error-redirect-uri",
        status: 400,
        error: "OAuthException",
        errorDescription:
          "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request (code 100)",
      },
      {
        fixture: "token-error-client-secret",
        status: 400,
        error: "OAuthException",
        errorDescription: "Error validating client secret. (code 1)",
      },
    ],
  },
  user: {
    request: {
      method: "get",
      url: `${GRAPH}/me`,
      query: { fields: "id,name,email,picture" },
      headers: { authorization: `Bearer ${ACCESS_TOKEN}` },
    },
    cases: [
      {
        fixture: "user",
        user: {
          provider: "facebook",
          id: "10158312345678901",
          login: "jane@example.com",
          name: "Jane Doe",
          email: "jane@example.com",
          avatarUrl:
            "https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=10158312345678901&height=50&width=50&ext=1700000000&hash=AeRz3kVq",
          profileUrl: null,
        },
      },
      {
        // No email permission or no confirmed address; the grey silhouette is no picture.
        fixture: "user-silhouette-no-email",
        user: {
          provider: "facebook",
          id: "10158312345678902",
          login: "10158312345678902",
          name: "Phone Only",
          email: null,
          avatarUrl: null,
          profileUrl: null,
        },
      },
    ],
    errors: [
      {
        fixture: "api-error-invalid-token",
        status: 400,
        type: ProviderError,
        fields: {
          error: "OAuthException",
          errorDescription: "Invalid OAuth access token - Cannot parse access token (code 190)",
          status: 400,
        },
      },
      {
        fixture: "api-error-session-expired",
        status: 401,
        type: ResponseError,
        fields: { status: 401 },
      },
      {
        fixture: "api-error-rate-limited",
        status: 403,
        type: ProviderError,
        fields: {
          errorDescription: "(#4) Application request limit reached (code 4)",
          status: 403,
        },
      },
    ],
  },
  revoke: {
    ...REVOKE,
    errors: [
      {
        fixture: "api-error-rate-limited",
        status: 403,
        type: ProviderError,
        fields: { error: "OAuthException", status: 403 },
      },
      { text: "", status: 200, type: ResponseError, fields: { status: 200 } },
    ],
  },
});

describe("facebook()", () => {
  it("when the token is already invalid (OAuthException 190), then revoking resolves", async () => {
    serve(server, "facebook", REVOKE, { fixture: "api-error-invalid-token", status: 400 });
    await expect(revokeToken(facebook(credentials), ACCESS_TOKEN)).resolves.toBeUndefined();
  });
});
