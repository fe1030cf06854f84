import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type CommonProviderOptions,
  computeCodeChallenge,
  createAuthorizationRequest,
  exchangeCode,
  fetchUser,
  IdTokenError,
  type NormalizedUser,
  type Provider,
  ProviderError,
  providers,
  ResponseError,
  refreshTokens,
  revokeToken,
  type TokenSet,
  UnsupportedError,
} from "../../src/index.js";
import { argumentError, INVALID_COMMON_OPTIONS } from "../support/argument-error.js";
import type { MockServer } from "../support/msw.js";
import { type Claims, createTestIdp, type TestIdp } from "../support/oidc-idp.js";
import {
  ACCESS_TOKEN,
  CLIENT_ID,
  CODE,
  CODE_VERIFIER,
  credentials,
  type ExpectedError,
  type ExpectedRequest,
  expectSent,
  fixture,
  NOW,
  REDIRECT_URI,
  REFRESH_TOKEN,
  type Reply,
  rejection,
  serve,
} from "./contract.js";

/**
 * The contract for providers built on `oidc()`: the provider's recorded discovery document
 * (test/fixtures/<id>/discovery.json) is served at its issuer, its JWKS holds the test IdP's
 * RS256 key, and the recorded token answers come back with an id_token that key signed.
 */

export const NONCE = "recorded-nonce-0S6_WzA2Mj";

export interface OidcContract {
  id: string;
  create(options: CommonProviderOptions): Promise<Provider>;
  /** Discovery is fetched from `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** Claims every id_token of this provider carries (over the test IdP's valid ones). */
  idTokenClaims?: Claims;
  authorization: {
    endpoint: string;
    scopes: string[];
    pkce: boolean;
    /** What the provider adds to every authorization request. */
    params?: Record<string, string>;
  };
  token: {
    clientAuth: "client_secret_basic" | "client_secret_post";
    /** The tokens the recorded answer maps to; the id_token and its claims are added. */
    exchange: { fixture: string; tokens: TokenSet };
    errors: Array<{ fixture: string; status: number } & Partial<ProviderError>>;
  };
  user: { fixture: string; user: NormalizedUser; errors?: ExpectedError[] };
  refresh?: { fixture: string; tokens: TokenSet };
  revoke: (ExpectedRequest & { reply: Reply }) | "unsupported";
  /** What the provider can do, its API and its access rules, made with the default options. */
  facts: Pick<Provider, "capabilities" | "api" | "access">;
}

/** The test IdP's own document fields: unset, so that only the recorded ones are served. */
const IDP_DEFAULTS = Object.fromEntries(
  ["userinfo_endpoint", "revocation_endpoint", "code_challenge_methods_supported"].map((key) => [
    key,
    undefined,
  ]),
);

/** The provider's recorded discovery document, served as recorded, with the test IdP's keys. */
export function recordedIdp(server: MockServer, spec: Pick<OidcContract, "id" | "issuer">) {
  return createTestIdp(server, {
    issuer: spec.issuer,
    document: { ...IDP_DEFAULTS, ...(fixture(spec.id, "discovery") as Claims) },
    alg: "RS256",
  });
}

/**
 * The tokens a recorded token answer maps to: the token strings as recorded, the rest as the
 * test states it (type, scopes, expiry).
 */
export function tokensOf(
  id: string,
  name: string,
  expected: Omit<TokenSet, "accessToken" | "refreshToken">,
): TokenSet {
  const body = fixture(id, name) as { access_token: string; refresh_token?: string };
  return {
    accessToken: body.access_token,
    ...expected,
    ...(body.refresh_token !== undefined && { refreshToken: body.refresh_token }),
  };
}

/** The token endpoint answers the recorded body with an id_token signed for these claims. */
export async function serveTokens(idp: TestIdp, id: string, name: string, claims: Claims) {
  const idToken = await idp.sign(idp.claims({ aud: CLIENT_ID, nonce: NONCE, ...claims }));
  idp.tokenResponse = () =>
    HttpResponse.json({ ...(fixture(id, name) as object), id_token: idToken });
  return idToken;
}

export const exchange = (provider: Provider) =>
  exchangeCode(provider, {
    code: CODE,
    redirectUri: REDIRECT_URI,
    codeVerifier: CODE_VERIFIER,
    nonce: NONCE,
  });

export function describeOidcContract(server: MockServer, spec: OidcContract): void {
  const { id, authorization, token, user } = spec;
  const make = () => spec.create(credentials);
  const discoveryUrl = `${spec.issuer}/.well-known/openid-configuration`;
  const document = fixture(id, "discovery") as Record<string, unknown>;
  const post = token.clientAuth === "client_secret_post";
  const tokenRequest = (form: Record<string, string>): ExpectedRequest => ({
    method: "post",
    url: document.token_endpoint as string,
    headers: {
      authorization: post ? null : `Basic ${btoa(`${CLIENT_ID}:${credentials.clientSecret}`)}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    form: {
      ...form,
      ...(post && { client_id: CLIENT_ID, client_secret: credentials.clientSecret }),
    },
  });

  describe(`${id} (OpenID Connect contract)`, () => {
    let idp: TestIdp;
    beforeEach(async () => {
      vi.spyOn(Date, "now").mockReturnValue(NOW);
      idp = await recordedIdp(server, spec);
    });
    afterEach(() => vi.restoreAllMocks());

    it("when discovery has run, then every endpoint is a URL (none empty) from the document", async () => {
      const { endpoints } = await make();
      for (const url of Object.values(endpoints)) {
        expect(url !== undefined && url !== "" && URL.canParse(url), String(url)).toBe(true);
      }
      const authorize = new URL(endpoints.authorization);
      expect(`${authorize.origin}${authorize.pathname}`).toBe(authorization.endpoint);
      expect(endpoints.token).toBe(document.token_endpoint);
      expect(endpoints.endSession).toBe(document.end_session_endpoint);
      expect(idp.calls.discovery).toHaveLength(1);
    });

    it("when discovery fails, then the factory's promise rejects with the typed error and a second call succeeds once the issuer answers", async () => {
      server.use(
        http.get(discoveryUrl, () => HttpResponse.json({}, { status: 404 }), { once: true }),
      );
      const error = await rejection(make());
      expect(error).toBeInstanceOf(ResponseError);
      expect(error).toMatchObject({ status: 404 });
      const provider = await make();
      expect(provider.issuer).toBe(spec.issuer);
    });

    it.each(INVALID_COMMON_OPTIONS)(
      "when the options are invalid (%j), then the factory throws at once, before any request",
      (override, argument) => {
        const injected = vi.fn<typeof fetch>();
        const sent = vi.fn();
        server.events.on("request:start", sent);
        expect(() => spec.create({ ...credentials, ...override, fetch: injected })).toThrow(
          argumentError(argument),
        );
        server.events.removeListener("request:start", sent);
        expect(injected).not.toHaveBeenCalled();
        expect(sent).not.toHaveBeenCalled();
      },
    );

    it("when made with the default options, then its capabilities, API and access rules are as stated, and its catalogue entry makes the same", async () => {
      const provider = await make();
      expect(provider).toMatchObject({ id, protocol: "oidc", issuer: spec.issuer });
      expect(provider.capabilities).toEqual(spec.facts.capabilities);
      expect(provider.capabilities).toMatchObject({
        endSession: document.end_session_endpoint !== undefined,
        backchannelLogout: document.backchannel_logout_supported === true,
      });
      expect(provider.api).toEqual(spec.facts.api);
      expect(provider.access).toEqual(spec.facts.access);
      const definition = providers[id];
      expect(definition?.access).toEqual(provider.access);
      const made = await definition?.create(credentials);
      expect(made).toMatchObject({ id, capabilities: provider.capabilities, api: provider.api });
      expect(definition?.setup).toMatchObject({
        revocation: provider.capabilities.revoke,
        pkce: provider.capabilities.pkce,
      });
    });

    it(`when the authorization URL is built, then it asks ${authorization.endpoint} for the default scopes with a nonce${authorization.pkce ? " and S256 PKCE" : ", without PKCE"}`, async () => {
      const request = await createAuthorizationRequest(await make(), {
        redirectUri: REDIRECT_URI,
      });
      const { url, state, codeVerifier, nonce } = request;
      expect(`${url.origin}${url.pathname}`).toBe(authorization.endpoint);
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        response_type: "code",
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        scope: authorization.scopes.join(" "),
        state,
        nonce,
        ...(authorization.pkce && {
          code_challenge: await computeCodeChallenge(codeVerifier),
          code_challenge_method: "S256",
        }),
        ...authorization.params,
      });
    });

    it(`when a code is exchanged and the id_token is signed by the issuer's key for this client, then the client authenticates with ${token.clientAuth} and the recorded tokens come back with its claims`, async () => {
      const idToken = await serveTokens(idp, id, token.exchange.fixture, spec.idTokenClaims ?? {});
      const tokens = await exchange(await make());
      expect(tokens).toEqual({
        ...token.exchange.tokens,
        idToken,
        idTokenClaims: idp.claims({ aud: CLIENT_ID, nonce: NONCE, ...spec.idTokenClaims }),
      });
      const form = { grant_type: "authorization_code", code: CODE, redirect_uri: REDIRECT_URI };
      await expectSent(
        idp.calls.token,
        tokenRequest({ ...form, ...(authorization.pkce && { code_verifier: CODE_VERIFIER }) }),
      );
    });

    it("when the id_token was issued for another audience, then it is an IdTokenError on aud", async () => {
      await serveTokens(idp, id, token.exchange.fixture, {
        ...spec.idTokenClaims,
        aud: "someone-elses-client",
      });
      const error = await rejection(exchange(await make()));
      expect(error).toBeInstanceOf(IdTokenError);
      expect(error).toMatchObject({ code: "invalid_id_token", check: "aud" });
    });

    for (const { fixture: name, status, ...fields } of token.errors) {
      it(`when the token endpoint answers ${name} (HTTP ${status}), then it is a ProviderError "${fields.error}"`, async () => {
        serve(server, id, tokenRequest({}), { fixture: name, status });
        const error = await rejection(exchange(await make()));
        expect(error).toBeInstanceOf(ProviderError);
        expect(error).toMatchObject({ ...fields, status });
      });
    }

    it(`when the userinfo endpoint answers ${user.fixture}, then the user is normalized field by field and the raw profile kept`, async () => {
      const request: ExpectedRequest = {
        method: "get",
        url: document.userinfo_endpoint as string,
        headers: { authorization: `Bearer ${ACCESS_TOKEN}` },
      };
      const requests = serve(server, id, request, { fixture: user.fixture });
      const info = await fetchUser(await make(), ACCESS_TOKEN, { expectedSubject: user.user.id });
      expect(info).toEqual({ user: user.user, raw: fixture(id, user.fixture) });
      await expectSent(requests, request);
    });

    if (spec.facts.capabilities.verifiedEmail) {
      it("when the userinfo leaves email_verified out, then the email is dropped: every address this provider gives its users is one it verified", async () => {
        const { email_verified: _, ...claims } = fixture(id, user.fixture) as Record<
          string,
          unknown
        >;
        const url = document.userinfo_endpoint as string;
        serve(server, id, { method: "get", url }, { text: JSON.stringify(claims) });
        const info = await fetchUser(await make(), ACCESS_TOKEN);
        expect(info.user).toMatchObject({ id: user.user.id, email: null });
      });
    }

    for (const { type, fields, ...reply } of user.errors ?? []) {
      it(`when the userinfo endpoint answers ${reply.fixture} (HTTP ${reply.status ?? 200}), then it is a ${type.name}`, async () => {
        serve(server, id, { method: "get", url: document.userinfo_endpoint as string }, reply);
        const error = await rejection(fetchUser(await make(), ACCESS_TOKEN));
        expect(error).toBeInstanceOf(type);
        expect(error).toMatchObject(fields);
      });
    }

    const { refresh, revoke } = spec;
    if (refresh) {
      it("when tokens are refreshed, then the refresh grant is sent once with client auth and the recorded tokens come back", async () => {
        const requests = serve(server, id, tokenRequest({}), { fixture: refresh.fixture });
        await expect(refreshTokens(await make(), REFRESH_TOKEN)).resolves.toEqual(refresh.tokens);
        await expectSent(
          requests,
          tokenRequest({ grant_type: "refresh_token", refresh_token: REFRESH_TOKEN }),
        );
      });
    }

    if (revoke === "unsupported") {
      it("when a token is revoked, then it is an UnsupportedError and nothing is sent", async () => {
        const provider = await make();
        expect(provider.capabilities.revoke).toBe(false);
        const sent = vi.fn();
        server.events.on("request:start", sent);
        await expect(revokeToken(provider, ACCESS_TOKEN)).rejects.toBeInstanceOf(UnsupportedError);
        server.events.removeListener("request:start", sent);
        expect(sent).not.toHaveBeenCalled();
      });
    } else {
      it(`when a token is revoked, then ${revoke.method.toUpperCase()} ${revoke.url} carries it and the answer is accepted`, async () => {
        const requests = serve(server, id, revoke, revoke.reply);
        await expect(revokeToken(await make(), ACCESS_TOKEN)).resolves.toBeUndefined();
        await expectSent(requests, revoke);
      });
    }
  });
}
