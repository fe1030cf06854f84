import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type AccessRule,
  type ClientAuthMethod,
  type CommonProviderOptions,
  computeCodeChallenge,
  createAuthorizationRequest,
  exchangeCode,
  fetchUser,
  type NormalizedUser,
  type Provider,
  type ProviderApi,
  type ProviderCapabilities,
  ProviderError,
  providers,
  type ResponseError,
  refreshTokens,
  revokeToken,
  type TokenSet,
  UnsupportedError,
} from "../../src/index.js";
import { argumentError, INVALID_COMMON_OPTIONS } from "../support/argument-error.js";
import type { MockServer } from "../support/msw.js";

/**
 * The contract every provider is held to, run against recorded responses (test/fixtures/<id>/)
 * replayed by msw on a closed network. A provider's own test file states what its provider
 * should send and answer; its quirks get hand-written tests next to it.
 */

export const CLIENT_ID = "contract-client-id";
export const CLIENT_SECRET = "contract-client-secret";
export const REDIRECT_URI = "https://app.example.com/auth/callback";
export const CODE = "recorded-authorization-code";
export const CODE_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/** What `exchangeCode` is given after a recorded callback. */
export const EXCHANGE = { code: CODE, redirectUri: REDIRECT_URI, codeVerifier: CODE_VERIFIER };
export const ACCESS_TOKEN = "recorded-access-token";
export const REFRESH_TOKEN = "recorded-refresh-token";
export const NOW = 1_700_000_000_000;
export const BASIC = `Basic ${btoa(`${CLIENT_ID}:${CLIENT_SECRET}`)}`;
/** Also fits a catalogue entry's `create` (a type literal, so no index signature is missing). */
export const credentials = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

/** A recorded answer: a fixture file's bytes (JSON) or a plain-text body, and its status. */
export interface Reply {
  fixture?: string;
  text?: string;
  status?: number;
}

/** What one request must look like; `form` is the whole urlencoded body. */
export interface ExpectedRequest {
  method: "get" | "post" | "delete";
  url: string;
  query?: Record<string, string>;
  headers?: Record<string, string | null>;
  form?: Record<string, string>;
}

export interface ProviderContract {
  id: string;
  create(options: CommonProviderOptions): Provider;
  /** What the provider says it can do, and the rules its users can be checked by. */
  facts: {
    capabilities: ProviderCapabilities;
    api: ProviderApi | undefined;
    access: AccessRule[];
    tokenParams?: string[];
  };
  authorization: { endpoint: string; scopes: string[]; pkce: boolean };
  token: {
    url: string;
    clientAuth: ClientAuthMethod;
    /** The callback's `tokenParams`, passed to every token request and sent as they are. */
    extraParams?: Record<string, string>;
    exchange: { fixture: string; tokens: TokenSet };
    errors: Array<{
      fixture: string;
      status: number;
      error: string;
      errorDescription: string | undefined;
    }>;
  };
  user: {
    request: ExpectedRequest;
    cases: Array<{ fixture: string; user: NormalizedUser; scopes?: string[] }>;
    errors: ExpectedError[];
  };
  refresh?: { fixture: string; tokens: TokenSet };
  /** `reply` defaults to the recorded `revoke` fixture with HTTP 200. */
  revoke: (ExpectedRequest & { reply?: Reply; errors: ExpectedError[] }) | "unsupported";
  /** Also hold the catalogue entry of this id to the contract (its setup metadata included). */
  catalogue?: boolean;
}

/** A REST API taking the token as Bearer (or `scheme`), with no headers of its own. */
export function restApi(baseUrl: string, overrides: Partial<ProviderApi> = {}): ProviderApi {
  return { baseUrl, scheme: "Bearer", headers: {}, requestHeaders: [], etags: false, ...overrides };
}

/** A recorded failure and the typed error it must become. */
export type ExpectedError = Reply & {
  type: typeof ProviderError | typeof ResponseError | typeof UnsupportedError;
  fields: object;
};

/** RFC 7009 revocation: the token with its hint, the client authenticated with Basic. */
export function basicRevocation(url: string, errors: ExpectedError[]): ProviderContract["revoke"] {
  return {
    method: "post",
    url,
    headers: { authorization: BASIC },
    form: { token: ACCESS_TOKEN, token_type_hint: "access_token" },
    errors,
  };
}

// Every recorded body, as its exact bytes, bundled at transform time so it reads the same in
// Node and in the browser (where there is no file system).
const FIXTURES = import.meta.glob("../fixtures/*/*.json", {
  query: "?raw",
  import: "default",
  eager: true,
});

export function fixtureText(id: string, name: string): string {
  const text = FIXTURES[`../fixtures/${id}/${name}.json`];
  if (text === undefined) throw new Error(`no fixture test/fixtures/${id}/${name}.json`);
  return text;
}

/** The recorded body, parsed: what `UserInfo.raw` must equal. */
export function fixture(id: string, name: string): unknown {
  return JSON.parse(fixtureText(id, name));
}

/** Serves one endpoint with a recorded answer and keeps a copy of every request it saw. */
export function serve(
  server: MockServer,
  id: string,
  { method, url }: Pick<ExpectedRequest, "method" | "url">,
  reply: Reply,
): Request[] {
  const seen: Request[] = [];
  server.use(
    http[method](url, ({ request }) => {
      seen.push(request.clone());
      const body = reply.fixture ? fixtureText(id, reply.fixture) : (reply.text ?? null);
      const type = reply.fixture ? "application/json" : "text/plain";
      return new HttpResponse(body, {
        status: reply.status ?? 200,
        headers: { "Content-Type": type },
      });
    }),
  );
  return seen;
}

/** Exactly one request was sent, and it is the expected one. */
export async function expectSent(requests: Request[], expected: ExpectedRequest): Promise<void> {
  expect(requests).toHaveLength(1);
  const [request] = requests;
  if (!request) return;
  const url = new URL(request.url);
  expect(request.method).toBe(expected.method.toUpperCase());
  expect(`${url.origin}${url.pathname}`).toBe(expected.url);
  expect(Object.fromEntries(url.searchParams)).toEqual(expected.query ?? {});
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    expect(request.headers.get(name), name).toBe(value);
  }
  const text = await request.text();
  if (expected.form) expect(Object.fromEntries(new URLSearchParams(text))).toEqual(expected.form);
  else expect(text).toBe("");
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("expected a rejection"),
    (error: unknown) => error,
  );
}

/** The shared contract tests for one provider; call inside the provider's test file. */
export function describeContract(server: MockServer, spec: ProviderContract): void {
  const { id, authorization, token, user } = spec;
  const make = () => spec.create(credentials);
  const { extraParams } = token;
  const basic = token.clientAuth === "client_secret_basic";
  const tokenRequest = (form: Record<string, string>): ExpectedRequest => ({
    method: "post",
    url: token.url,
    headers: {
      authorization: basic ? BASIC : null,
      "content-type": "application/x-www-form-urlencoded",
    },
    form: {
      ...form,
      ...(!basic && { client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
      ...extraParams,
    },
  });

  describe(`${id} (contract)`, () => {
    beforeEach(() => vi.spyOn(Date, "now").mockReturnValue(NOW));
    afterEach(() => vi.restoreAllMocks());

    it("when options are invalid, then it is an ArgumentError naming the option", () => {
      for (const [options, name] of INVALID_COMMON_OPTIONS) {
        expect(() => spec.create({ ...credentials, ...options })).toThrow(argumentError(name));
      }
    });

    it("when the provider is made, then its endpoints, capabilities, API and access rules are as stated", () => {
      const provider = make();
      expect(provider).toMatchObject({ id, protocol: "oauth2", clientId: CLIENT_ID });
      expect(provider.endpoints).toEqual({
        authorization: authorization.endpoint,
        token: token.url,
      });
      expect(provider.capabilities).toEqual(spec.facts.capabilities);
      expect(provider.api).toEqual(spec.facts.api);
      expect(provider.access).toEqual(spec.facts.access);
      expect(provider.tokenParams).toEqual(spec.facts.tokenParams ?? []);
      // An address the provider does not verify must not admit anyone.
      const emailRules = provider.access.some(
        (rule) => rule === "emails" || rule === "emailDomains",
      );
      expect(emailRules).toBe(provider.capabilities.verifiedEmail);
    });

    it("when the provider is serialized, then the client secret does not show and it is frozen, facts and all", () => {
      const provider = make();
      expect(JSON.stringify(provider)).not.toContain(CLIENT_SECRET);
      expect(Object.values(provider).some((value) => typeof value === "function")).toBe(false);
      const parts = [provider, provider.scopes, provider.endpoints, provider.capabilities];
      for (const part of [...parts, provider.access, provider.tokenParams]) {
        expect(Object.isFrozen(part)).toBe(true);
      }
    });

    if (spec.catalogue) {
      it("when the catalogue entry is read, then it makes this provider and its setup tells the truth", async () => {
        const definition = providers[id];
        const made = await definition?.create(credentials);
        const { capabilities } = make();
        expect(made).toMatchObject({ id, scopes: authorization.scopes, capabilities });
        expect(definition?.access).toEqual(spec.facts.access);
        expect(definition?.setup).toMatchObject({
          defaultScopes: authorization.scopes,
          pkce: authorization.pkce,
          refresh: capabilities.refresh,
          revocation: capabilities.revoke,
        });
        expect(definition?.setup.refresh === "never").toBe(spec.refresh === undefined);
      });
    }

    it(`when the authorization URL is built, then it asks ${authorization.endpoint} for the default scopes${authorization.pkce ? " with S256 PKCE" : ""}`, async () => {
      const { url, state, codeVerifier } = await createAuthorizationRequest(make(), {
        redirectUri: REDIRECT_URI,
      });
      expect(`${url.origin}${url.pathname}`).toBe(authorization.endpoint);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        response_type: "code",
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        state,
        ...(authorization.scopes.length > 0 && { scope: authorization.scopes.join(" ") }),
        ...(authorization.pkce && {
          code_challenge: await computeCodeChallenge(codeVerifier),
          code_challenge_method: "S256",
        }),
      });
    });

    it(`when a code is exchanged, then the client authenticates with ${token.clientAuth} and the recorded tokens are mapped`, async () => {
      const requests = serve(server, id, tokenRequest({}), { fixture: token.exchange.fixture });
      const tokens = await exchangeCode(make(), { ...EXCHANGE, extraParams });
      expect(tokens).toEqual(token.exchange.tokens);
      await expectSent(
        requests,
        tokenRequest({
          grant_type: "authorization_code",
          code: CODE,
          redirect_uri: REDIRECT_URI,
          ...(authorization.pkce && { code_verifier: CODE_VERIFIER }),
        }),
      );
    });

    for (const { fixture: name, status, ...fields } of token.errors) {
      it(`when the token endpoint answers ${name} (HTTP ${status}), then it is a ProviderError "${fields.error}"`, async () => {
        serve(server, id, tokenRequest({}), { fixture: name, status });
        const error = await rejection(exchangeCode(make(), { ...EXCHANGE, extraParams }));
        expect(error).toBeInstanceOf(ProviderError);
        expect(error).toMatchObject({ ...fields, status });
      });
    }

    for (const { fixture: name, user: expected, scopes } of user.cases) {
      it(`when the user endpoint answers ${name}, then the user is normalized field by field and the raw profile kept`, async () => {
        const requests = serve(server, id, user.request, { fixture: name });
        const info = await fetchUser(make(), ACCESS_TOKEN, scopes ? { scopes } : {});
        expect(info).toEqual({ user: expected, raw: fixture(id, name) });
        await expectSent(requests, user.request);
      });
    }

    const expectFailure = (
      what: string,
      request: ExpectedRequest,
      cases: ExpectedError[],
      act: () => Promise<unknown>,
    ) => {
      for (const { type, fields, ...reply } of cases) {
        it(`when the ${what} answers ${reply.fixture ?? "text"} (HTTP ${reply.status ?? 200}), then it is a ${type.name}`, async () => {
          serve(server, id, request, reply);
          const error = await rejection(act());
          expect(error).toBeInstanceOf(type);
          expect(error).toMatchObject(fields);
          expect(String(error)).not.toContain(ACCESS_TOKEN);
        });
      }
    };
    expectFailure("user endpoint", user.request, user.errors, () =>
      fetchUser(make(), ACCESS_TOKEN),
    );

    const { refresh, revoke } = spec;
    if (refresh) {
      it("when tokens are refreshed, then the refresh grant is sent and expires_in becomes expiresAt", async () => {
        const requests = serve(server, id, tokenRequest({}), { fixture: refresh.fixture });
        await expect(refreshTokens(make(), REFRESH_TOKEN, { extraParams })).resolves.toEqual(
          refresh.tokens,
        );
        await expectSent(
          requests,
          tokenRequest({ grant_type: "refresh_token", refresh_token: REFRESH_TOKEN }),
        );
      });
    }

    if (revoke === "unsupported") {
      it("when a token is revoked, then it is an UnsupportedError and nothing is sent", async () => {
        await expect(revokeToken(make(), ACCESS_TOKEN)).rejects.toBeInstanceOf(UnsupportedError);
      });
    } else {
      it(`when a token is revoked, then ${revoke.method.toUpperCase()} ${revoke.url} carries it and the confirmation is accepted`, async () => {
        const requests = serve(server, id, revoke, revoke.reply ?? { fixture: "revoke" });
        await expect(revokeToken(make(), ACCESS_TOKEN)).resolves.toBeUndefined();
        await expectSent(requests, revoke);
      });
      expectFailure("revocation endpoint", revoke, revoke.errors, () =>
        revokeToken(make(), ACCESS_TOKEN),
      );
    }
  });
}
