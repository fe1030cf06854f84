import { getResponse } from "msw";
import { describe, expect, it } from "vitest";
import { createMockGitHub } from "../src/index.js";
import { BASE, json, useMockGitHub } from "./helpers.js";
import { issuerOf } from "./oidc-helpers.js";

const { mock } = useMockGitHub();
const ISSUER = issuerOf();

describe("GET /oidc/.well-known/openid-configuration", () => {
  it("when fetched, then it names the issuer exactly and every endpoint under it", async () => {
    const response = await fetch(`${ISSUER}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await json(response)).toEqual({
      issuer: "http://github.test/oidc",
      authorization_endpoint: `${ISSUER}/authorize`,
      token_endpoint: `${ISSUER}/token`,
      userinfo_endpoint: `${ISSUER}/userinfo`,
      jwks_uri: `${ISSUER}/jwks`,
      revocation_endpoint: `${ISSUER}/revoke`,
      response_types_supported: ["code"],
      response_modes_supported: ["query"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid", "profile", "email"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      code_challenge_methods_supported: ["S256"],
      claims_supported: [
        "iss",
        "sub",
        "aud",
        "exp",
        "iat",
        "auth_time",
        "nonce",
        "at_hash",
        "name",
        "picture",
        "preferred_username",
        "email",
        "email_verified",
      ],
      authorization_response_iss_parameter_supported: true,
    });
    expect(mock.oidcIssuer).toBe(ISSUER);
  });

  it("when the base URL has a path, then the issuer is under it", async () => {
    expect(createMockGitHub({ baseUrl: "http://localhost:4000/gh/" }).oidcIssuer).toBe(
      "http://localhost:4000/gh/oidc",
    );
  });
});

describe("GET /oidc/jwks", () => {
  it("when fetched, then it lists one public RS256 signing key of 2048 bits with a kid", async () => {
    const response = await fetch(`${ISSUER}/jwks`);
    expect(response.status).toBe(200);
    const { keys } = await json(response);
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key).toEqual({
      kty: "RSA",
      use: "sig",
      alg: "RS256",
      kid: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      n: expect.any(String),
      e: "AQAB",
    });
    expect(Buffer.from(key.n, "base64url")).toHaveLength(256);
  });

  it("when fetched again, even after reset(), then the key is the same", async () => {
    const first = await json(await fetch(`${ISSUER}/jwks`));
    mock.reset();
    expect(await json(await fetch(`${ISSUER}/jwks`))).toEqual(first);
  });

  it("when another mock is made, then it has its own key", async () => {
    const other = createMockGitHub({ baseUrl: "http://other.test" });
    const response = await getResponse(other.handlers, new Request("http://other.test/oidc/jwks"));
    const mine = await json(await fetch(`${ISSUER}/jwks`));
    expect((await json(response as Response)).keys[0].kid).not.toBe(mine.keys[0].kid);
  });
});

describe("unknown paths under /oidc", () => {
  it("when asked, then it is a 404", async () => {
    expect((await fetch(`${BASE}/oidc/nowhere`)).status).toBe(404);
  });
});
