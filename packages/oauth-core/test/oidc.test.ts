import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import {
  callbackChecksFor,
  createAuthorizationRequest,
  github,
  NetworkError,
  oidc,
  type ProviderDefinition,
  providers,
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
  it("when created, then discovery runs once and the provider holds the discovered endpoints and the options", async () => {
    const idp = await createTestIdp(server);
    const provider = await oidc(options);
    expect(idp.calls.discovery).toHaveLength(1);
    expect(provider).toMatchObject({
      id: "oidc",
      name: "OpenID Connect",
      protocol: "oidc",
      clientId: OIDC_CLIENT_ID,
      issuer: ISSUER,
      issuerParameter: false,
      scopes: ["openid", "profile", "email"],
      endpoints: { authorization: `${ISSUER}/authorize`, token: `${ISSUER}/token` },
      capabilities: {
        refresh: "on request",
        revoke: true,
        device: false,
        pkce: true,
        verifiedEmail: false,
        uniqueLogin: false,
        endSession: false,
        backchannelLogout: false,
      },
      access: ["users", "emails", "emailDomains", "groups"],
      api: undefined,
      tokenParams: [],
    });
    await createAuthorizationRequest(provider, { redirectUri });
    expect(idp.calls.discovery).toHaveLength(1);
  });

  it("when discovery has run, then every endpoint is a URL (none empty)", async () => {
    await createTestIdp(server);
    const { endpoints } = await oidc(options);
    for (const url of Object.values(endpoints)) {
      expect(url !== undefined && url !== "" && URL.canParse(url), String(url)).toBe(true);
    }
  });

  it("when serialized, then the client secret is redacted", async () => {
    await createTestIdp(server);
    expect(JSON.stringify(await oidc(options))).not.toContain(OIDC_CLIENT_SECRET);
  });

  it("when the document lists no revocation endpoint, then revoke is not a capability", async () => {
    await createTestIdp(server, { document: { revocation_endpoint: undefined } });
    expect((await oidc(options)).capabilities.revoke).toBe(false);
  });

  it.each([
    ["an http issuer off loopback", { issuer: "http://idp.example.com" }, "issuer"],
    ["a relative issuer", { issuer: "/oidc" }, "issuer"],
    ["an issuer with a query", { issuer: "https://idp.example.com/?tenant=a" }, "issuer"],
    ["an issuer with a fragment", { issuer: "https://idp.example.com/#x" }, "issuer"],
    ["scopes without openid", { scopes: ["profile"] }, "scopes"],
    ["an empty client id", { clientId: "" }, "clientId"],
    ["an empty client secret", { clientSecret: "" }, "clientSecret"],
    ["an empty id", { id: "" }, "id"],
    ["a zero timeout", { timeout: 0 }, "timeout"],
  ])(
    "when the options are invalid (%s), then the factory throws at once, before any request",
    (_name, override, argument) => {
      const injected = vi.fn<typeof fetch>();
      expect(() => oidc({ ...options, ...override, fetch: injected })).toThrow(
        argumentError(argument),
      );
      expect(injected).not.toHaveBeenCalled();
    },
  );

  it.each(["http://localhost:4000/oidc", "http://127.0.0.1:4000", "http://[::1]:4000/x"])(
    "when the issuer is %s (loopback), then http is allowed",
    async (issuer) => {
      await createTestIdp(server, { issuer });
      expect((await oidc({ ...options, issuer })).issuer).toBe(issuer);
    },
  );

  it("when the catalogue makes it, then ISSUER and NAME are read and its access is the provider's", async () => {
    await createTestIdp(server);
    const definition = providers.oidc as ProviderDefinition;
    const provider = await definition.create({ ...options, name: "Acme" });
    expect(provider).toMatchObject({ issuer: ISSUER, name: "Acme" });
    expect(definition.access).toEqual(provider.access);
    expect(() => definition.create({ clientId: "a", clientSecret: "b" })).toThrow(
      argumentError("issuer"),
    );
  });
});

describe("oidc discovery", () => {
  it("when the provider is used twice, then its endpoints are the document's and discovery is not asked again", async () => {
    const idp = await createTestIdp(server);
    const provider = await idp.provider({ id: "acme", name: "Acme" });
    const first = await createAuthorizationRequest(provider, { redirectUri });
    await createAuthorizationRequest(provider, { redirectUri });
    expect(idp.calls.discovery).toHaveLength(1);
    expect(`${first.url.origin}${first.url.pathname}`).toBe(`${ISSUER}/authorize`);
    expect(provider.endpoints.authorization).toBe(`${ISSUER}/authorize`);
    expect(provider.endpoints.token).toBe(`${ISSUER}/token`);
  });

  it("when discovery fails, then the factory's promise rejects with the typed error and a second call succeeds once the issuer answers", async () => {
    const idp = await createTestIdp(server);
    server.use(
      http.get(
        `${ISSUER}/.well-known/openid-configuration`,
        () => HttpResponse.json({}, { status: 404 }),
        { once: true },
      ),
    );
    const error = await oidc(options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ code: "invalid_response", status: 404 });
    await expect(oidc(options)).resolves.toMatchObject({ issuer: ISSUER });
    expect(idp.calls.discovery).toHaveLength(1);
  });

  it("when discovery cannot reach the issuer, then the promise rejects with a NetworkError", async () => {
    server.use(http.get(`${ISSUER}/.well-known/openid-configuration`, () => HttpResponse.error()));
    await expect(oidc(options)).rejects.toBeInstanceOf(NetworkError);
  });

  it("when the document names another issuer, then it is a ResponseError", async () => {
    await createTestIdp(server, { document: { issuer: "https://evil.example" } });
    await expect(oidc(options)).rejects.toBeInstanceOf(ResponseError);
  });

  it("when discovery redirects, then it is a ResponseError and the redirect is not followed", async () => {
    const followed = vi.fn(() => HttpResponse.json({ issuer: ISSUER }));
    server.use(
      http.get(`${ISSUER}/.well-known/openid-configuration`, () =>
        HttpResponse.redirect("https://evil.example/openid-configuration", 302),
      ),
      http.get("https://evil.example/openid-configuration", followed),
    );
    await expect(oidc(options)).rejects.toThrow(ResponseError);
    expect(followed).not.toHaveBeenCalled();
  });

  it("when the document's issuer differs only by a trailing slash, then it is still refused (exact match)", async () => {
    await createTestIdp(server, { document: { issuer: `${ISSUER}/` } });
    await expect(oidc(options)).rejects.toThrow('"issuer" than the configured one');
  });

  it.each([
    "authorization_endpoint",
    "token_endpoint",
    "jwks_uri",
    "userinfo_endpoint",
    "revocation_endpoint",
  ])("when %s is plain http on an https issuer, then it is refused", async (key) => {
    await createTestIdp(server, { document: { [key]: "http://idp.example.com/x" } });
    await expect(oidc(options)).rejects.toThrow(`"${key}" must be an https URL`);
  });

  it.each(["authorization_endpoint", "token_endpoint", "jwks_uri"])(
    "when %s is missing, then it is a ResponseError naming it",
    async (key) => {
      await createTestIdp(server, { document: { [key]: undefined } });
      await expect(oidc(options)).rejects.toThrow(`"${key}" must be a string`);
    },
  );

  it.each(["authorization_endpoint", "token_endpoint"])(
    "when %s is empty, then it is refused: no provider has an empty endpoint",
    async (key) => {
      await createTestIdp(server, { document: { [key]: "" } });
      await expect(oidc(options)).rejects.toBeInstanceOf(ResponseError);
    },
  );

  it("when the issuer is on loopback http, then discovery and http endpoints on loopback work", async () => {
    const idp = await createTestIdp(server, { issuer: LOCAL_ISSUER });
    const { url } = await createAuthorizationRequest(await idp.provider(), { redirectUri });
    expect(idp.calls.discovery[0]?.url).toBe(`${LOCAL_ISSUER}/.well-known/openid-configuration`);
    expect(`${url.origin}${url.pathname}`).toBe(`${LOCAL_ISSUER}/authorize`);
  });

  it("when a loopback issuer lists an http endpoint on another host, then it is refused", async () => {
    const idp = await createTestIdp(server, {
      issuer: LOCAL_ISSUER,
      document: { token_endpoint: "http://idp.example.com/token" },
    });
    await expect(idp.provider()).rejects.toThrow('"token_endpoint" must be an https URL');
  });
});

describe("createAuthorizationRequest (OpenID Connect)", () => {
  it("when called, then the URL carries a nonce of at least 128 bits that is also returned", async () => {
    const idp = await createTestIdp(server);
    const request = await createAuthorizationRequest(await idp.provider(), { redirectUri });
    expect(request.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes = 256 bits
    expect(request.url.searchParams.get("nonce")).toBe(request.nonce);
    expect(request.url.searchParams.get("scope")).toBe("openid profile email");
    expect(request.url.searchParams.get("code_challenge_method")).toBe("S256");
  });

  it("when called many times, then every nonce is different", async () => {
    const provider = await (await createTestIdp(server)).provider();
    const requests = await Promise.all(
      Array.from({ length: 20 }, () => createAuthorizationRequest(provider, { redirectUri })),
    );
    expect(new Set(requests.map((request) => request.nonce)).size).toBe(20);
  });

  it("when scopes without openid are asked for, then it is an ArgumentError before any request", async () => {
    const idp = await createTestIdp(server);
    const provider = await idp.provider();
    const sent = vi.fn();
    server.events.on("request:start", sent);
    await expect(
      createAuthorizationRequest(provider, { redirectUri, scopes: ["email"] }),
    ).rejects.toThrow(argumentError("scopes"));
    server.events.removeListener("request:start", sent);
    expect(sent).not.toHaveBeenCalled();
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
    const provider = await idp.provider();
    expect(callbackChecksFor(provider)).toEqual({ expectedIssuer: ISSUER, requireIssuer: true });
    expect(provider.issuerParameter).toBe(true);
  });

  it("when the provider does not advertise it, then iss is checked only when present", async () => {
    const idp = await createTestIdp(server);
    expect(callbackChecksFor(await idp.provider())).toEqual({
      expectedIssuer: ISSUER,
      requireIssuer: false,
    });
  });

  it("when the provider is GitHub (no issuer), then nothing about iss is expected", () => {
    expect(callbackChecksFor(github({ clientId: "a", clientSecret: "b" }))).toEqual({
      requireIssuer: false,
    });
  });
});
