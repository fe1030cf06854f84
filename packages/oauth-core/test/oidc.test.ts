import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import {
  callbackChecksFor,
  createAuthorizationRequest,
  github,
  oidc,
  ResponseError,
} from "../src/index.js";
import { argumentError } from "./support/argument-error.js";
import { useMockServer } from "./support/msw.js";
import {
  createTestIdp,
  ISSUER,
  LOCAL_ISSUER,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  OIDC_REDIRECT_URI,
} from "./support/oidc-idp.js";

const server = useMockServer();
const redirectUri = OIDC_REDIRECT_URI;
const options = { issuer: ISSUER, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET };

describe("oidc()", () => {
  it("when created, then nothing is fetched until the provider is first used", async () => {
    const injected = vi.fn<typeof fetch>();
    const provider = oidc({ ...options, fetch: injected });
    expect(provider).toMatchObject({
      id: "oidc",
      issuer: ISSUER,
      scopes: ["openid", "profile", "email"],
      pkce: true,
      requiresNonce: true,
      clientAuth: "client_secret_basic",
      authorizationEndpoint: "",
    });
    expect(injected).not.toHaveBeenCalled();
  });

  it("when serialized, then the client secret is redacted", () => {
    expect(JSON.stringify(oidc(options))).not.toContain(OIDC_CLIENT_SECRET);
  });

  it.each([
    ["an http issuer off loopback", { issuer: "http://idp.example.com" }, "issuer"],
    ["a relative issuer", { issuer: "/oidc" }, "issuer"],
    ["an issuer with a query", { issuer: "https://idp.example.com/?tenant=a" }, "issuer"],
    ["an issuer with a fragment", { issuer: "https://idp.example.com/#x" }, "issuer"],
    ["scopes without openid", { scopes: ["profile"] }, "scopes"],
    ["an empty client id", { clientId: "" }, "clientId"],
    ["a zero timeout", { timeout: 0 }, "timeout"],
  ])("when given %s, then it is an ArgumentError naming it", (_name, override, argument) => {
    expect(() => oidc({ ...options, ...override })).toThrow(argumentError(argument));
  });

  it.each(["http://localhost:4000/oidc", "http://127.0.0.1:4000", "http://[::1]:4000/x"])(
    "when the issuer is %s (loopback), then http is allowed",
    (issuer) => {
      expect(oidc({ ...options, issuer }).issuer).toBe(issuer);
    },
  );
});

describe("oidc discovery", () => {
  it("when used twice, then the discovery document is fetched once and its endpoints are used", async () => {
    const idp = await createTestIdp(server);
    const provider = idp.provider({ id: "acme", name: "Acme" });
    const first = await createAuthorizationRequest(provider, { redirectUri });
    await createAuthorizationRequest(provider, { redirectUri });
    expect(idp.calls.discovery).toHaveLength(1);
    expect(`${first.url.origin}${first.url.pathname}`).toBe(`${ISSUER}/authorize`);
    expect(provider.authorizationEndpoint).toBe(`${ISSUER}/authorize`);
    expect(provider.tokenEndpoint).toBe(`${ISSUER}/token`);
  });

  it("when the first discovery fails, then the next use asks again", async () => {
    const idp = await createTestIdp(server);
    server.use(
      http.get(
        `${ISSUER}/.well-known/openid-configuration`,
        () => HttpResponse.json({}, { status: 404 }),
        {
          once: true,
        },
      ),
    );
    const provider = idp.provider();
    await expect(createAuthorizationRequest(provider, { redirectUri })).rejects.toThrow(
      ResponseError,
    );
    await expect(createAuthorizationRequest(provider, { redirectUri })).resolves.toBeDefined();
  });

  it("when the document names another issuer, then it is a ResponseError", async () => {
    const idp = await createTestIdp(server, { document: { issuer: "https://evil.example" } });
    const error = await createAuthorizationRequest(idp.provider(), { redirectUri }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseError);
  });

  it("when discovery redirects, then it is a ResponseError and the redirect is not followed", async () => {
    const followed = vi.fn(() => HttpResponse.json({ issuer: ISSUER }));
    server.use(
      http.get(`${ISSUER}/.well-known/openid-configuration`, () =>
        HttpResponse.redirect("https://evil.example/openid-configuration", 302),
      ),
      http.get("https://evil.example/openid-configuration", followed),
    );
    const provider = oidc(options);
    await expect(createAuthorizationRequest(provider, { redirectUri })).rejects.toThrow(
      ResponseError,
    );
    expect(followed).not.toHaveBeenCalled();
  });

  it("when the document's issuer differs only by a trailing slash, then it is still refused (exact match)", async () => {
    const idp = await createTestIdp(server, { document: { issuer: `${ISSUER}/` } });
    await expect(createAuthorizationRequest(idp.provider(), { redirectUri })).rejects.toThrow(
      '"issuer" than the configured one',
    );
  });

  it.each([
    "authorization_endpoint",
    "token_endpoint",
    "jwks_uri",
    "userinfo_endpoint",
    "revocation_endpoint",
  ])("when %s is plain http on an https issuer, then it is refused", async (key) => {
    const idp = await createTestIdp(server, { document: { [key]: "http://idp.example.com/x" } });
    await expect(createAuthorizationRequest(idp.provider(), { redirectUri })).rejects.toThrow(
      `"${key}" must be an https URL`,
    );
  });

  it.each(["authorization_endpoint", "token_endpoint", "jwks_uri"])(
    "when %s is missing, then it is a ResponseError naming it",
    async (key) => {
      const idp = await createTestIdp(server, { document: { [key]: undefined } });
      await expect(createAuthorizationRequest(idp.provider(), { redirectUri })).rejects.toThrow(
        `"${key}" must be a string`,
      );
    },
  );

  it("when the issuer is on loopback http, then discovery and http endpoints on loopback work", async () => {
    const idp = await createTestIdp(server, { issuer: LOCAL_ISSUER });
    const { url } = await createAuthorizationRequest(idp.provider(), { redirectUri });
    expect(idp.calls.discovery[0]?.url).toBe(`${LOCAL_ISSUER}/.well-known/openid-configuration`);
    expect(`${url.origin}${url.pathname}`).toBe(`${LOCAL_ISSUER}/authorize`);
  });

  it("when a loopback issuer lists an http endpoint on another host, then it is refused", async () => {
    const idp = await createTestIdp(server, {
      issuer: LOCAL_ISSUER,
      document: { token_endpoint: "http://idp.example.com/token" },
    });
    await expect(createAuthorizationRequest(idp.provider(), { redirectUri })).rejects.toThrow(
      '"token_endpoint" must be an https URL',
    );
  });
});

describe("createAuthorizationRequest (OpenID Connect)", () => {
  it("when called, then the URL carries a nonce of at least 128 bits that is also returned", async () => {
    const idp = await createTestIdp(server);
    const request = await createAuthorizationRequest(idp.provider(), { redirectUri });
    expect(request.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes = 256 bits
    expect(request.url.searchParams.get("nonce")).toBe(request.nonce);
    expect(request.url.searchParams.get("scope")).toBe("openid profile email");
    expect(request.url.searchParams.get("code_challenge_method")).toBe("S256");
  });

  it("when called many times, then every nonce is different", async () => {
    const provider = (await createTestIdp(server)).provider();
    const requests = await Promise.all(
      Array.from({ length: 20 }, () => createAuthorizationRequest(provider, { redirectUri })),
    );
    expect(new Set(requests.map((request) => request.nonce)).size).toBe(20);
  });

  it("when scopes without openid are asked for, then it is an ArgumentError before any request", async () => {
    const injected = vi.fn<typeof fetch>();
    await expect(
      createAuthorizationRequest(oidc({ ...options, fetch: injected }), {
        redirectUri,
        scopes: ["email"],
      }),
    ).rejects.toThrow(argumentError("scopes"));
    expect(injected).not.toHaveBeenCalled();
  });

  it("when the provider is GitHub, then no nonce is sent or returned", async () => {
    const request = await createAuthorizationRequest(github({ clientId: "a", clientSecret: "b" }), {
      redirectUri,
    });
    expect(request).not.toHaveProperty("nonce");
    expect(request.url.searchParams.has("nonce")).toBe(false);
  });
});

describe("callbackChecksFor", () => {
  it("when the provider advertises the iss parameter, then iss is expected and required", async () => {
    const idp = await createTestIdp(server, {
      document: { authorization_response_iss_parameter_supported: true },
    });
    const provider = idp.provider();
    await expect(callbackChecksFor(provider)).resolves.toEqual({
      expectedIssuer: ISSUER,
      requireIssuer: true,
    });
    expect(provider.requiresIssuerParameter).toBe(true);
  });

  it("when the provider does not advertise it, then iss is checked only when present", async () => {
    const idp = await createTestIdp(server);
    await expect(callbackChecksFor(idp.provider())).resolves.toEqual({
      expectedIssuer: ISSUER,
      requireIssuer: false,
    });
  });

  it("when the provider is GitHub (no issuer), then nothing about iss is expected", async () => {
    await expect(callbackChecksFor(github({ clientId: "a", clientSecret: "b" }))).resolves.toEqual({
      requireIssuer: false,
    });
  });
});
