import type { AccessDecision, AccessSubject } from "./access.js";
import { ArgumentError } from "./errors.js";
import {
  contextFor,
  type HttpResponse,
  type RequestContext,
  type RequestSettings,
} from "./http.js";
import type { IssuerKeys } from "./jwks.js";
import type { ClientAuthMethod, Provider, TokenType } from "./provider.js";
import type { Secret } from "./secret.js";
import { parseTokenResponse } from "./token-response.js";
import type { TokenSet, UserInfo } from "./types.js";

/** What a token response must prove, per grant (an id_token's nonce only comes with a code). */
export type TokenChecks =
  | { readonly grant: "authorization_code"; readonly nonce?: string | undefined }
  | { readonly grant: "refresh_token" }
  | { readonly grant: "device_code" };

/** What the `fetchUser` hook gets besides the token. */
export interface UserInfoOptions {
  /** The scopes the access token was granted; some providers need extra calls for some fields. */
  readonly scopes: readonly string[];
  /** The id_token's `sub`, when there is one: the user info must be about the same subject. */
  readonly expectedSubject?: string | undefined;
}

/**
 * How one provider talks to its server: the client's credentials and every hook by which it
 * departs from the standards. Module-private (not exported from the package), so that changing
 * it breaks no caller; the flow functions find it with {@link engineOf}.
 */
export interface Engine {
  readonly clientSecret: Secret;
  readonly clientAuth: ClientAuthMethod;
  /** The caller's `fetch` and `timeout`. */
  readonly settings: RequestSettings;
  /** Token requests' own parameters besides the grant's and the caller's (VK ID's `state`). */
  readonly tokenRequestParams?: () => Readonly<Record<string, string>>;
  /**
   * Turns the token endpoint's answer into a `TokenSet`, or throws; given the request context
   * because checking an id_token can need the issuer's keys. Default: RFC 6749 §5.
   */
  readonly processTokenResponse?: (
    ctx: RequestContext,
    response: HttpResponse,
    checks: TokenChecks,
  ) => Promise<TokenSet> | TokenSet;
  /** Reads and normalizes the user the access token belongs to. */
  readonly fetchUser: (
    ctx: RequestContext,
    accessToken: string,
    options: UserInfoOptions,
  ) => Promise<UserInfo>;
  /**
   * Absent when the provider cannot revoke tokens. Asked about a refresh token only where the
   * provider states `capabilities.revokeRefresh`.
   */
  readonly revokeToken?: (
    ctx: RequestContext,
    token: string,
    tokenType: TokenType,
  ) => Promise<void>;
  /**
   * Applies the provider's own access rules (GitHub's `orgs` and `teams`); the common ones are
   * checked by {@link checkAccess} itself.
   */
  readonly checkAccess?: (
    ctx: RequestContext,
    subject: AccessSubject,
    lists: ReadonlyMap<string, readonly string[]>,
  ) => Promise<AccessDecision>;
  /**
   * An OpenID Connect issuer's signing keys, which logout tokens are checked against; cached
   * here so that each provider keeps its own. Absent for plain OAuth 2.0 providers.
   */
  readonly issuerKeys?: IssuerKeys;
}

const engines = new WeakMap<Provider, Engine>();

/**
 * Freezes the provider (its nested facts too) and keeps its engine where only this package
 * can reach it. Every factory ends here.
 */
export function defineProvider(facts: Provider, engine: Engine): Provider {
  const provider = Object.freeze({
    ...facts,
    scopes: Object.freeze([...facts.scopes]),
    endpoints: Object.freeze({ ...facts.endpoints }),
    capabilities: Object.freeze({ ...facts.capabilities }),
    access: Object.freeze([...facts.access]),
    api:
      facts.api &&
      Object.freeze({
        ...facts.api,
        headers: Object.freeze({ ...facts.api.headers }),
        requestHeaders: Object.freeze([...facts.api.requestHeaders]),
      }),
    tokenParams: Object.freeze([...facts.tokenParams]),
  });
  engines.set(provider, engine);
  return provider;
}

/**
 * The engine of a provider made by a factory of this package.
 *
 * @throws {@link ArgumentError} for anything else (a copy, or an object literal).
 */
export function engineOf(provider: Provider): Engine {
  const engine = typeof provider === "object" && provider !== null && engines.get(provider);
  if (!engine) {
    throw new ArgumentError(
      "provider",
      "must be made by one of oauth-core's provider factories (a copy is not a provider)",
    );
  }
  return engine;
}

/** The context a provider's requests go through: its `fetch` and `timeout`. */
export function contextOf(provider: Provider): RequestContext {
  return contextFor(engineOf(provider).settings);
}

/** The engine's answer to a token request, by its hook or by RFC 6749 §5. */
export function processTokenResponse(
  engine: Engine,
  ctx: RequestContext,
  response: HttpResponse,
  checks: TokenChecks,
): Promise<TokenSet> | TokenSet {
  return engine.processTokenResponse
    ? engine.processTokenResponse(ctx, response, checks)
    : parseTokenResponse(response.status, response.json());
}
