import type { CommonProviderOptions } from "./definition.js";
import type { RequestSettings } from "./http.js";
import type { Provider, ProviderApi, ProviderCapabilities } from "./provider.js";
import { Secret } from "./secret.js";
import { assertNonEmptyString, assertScopes, assertTimeout } from "./validate.js";

/** The common options, checked: what every provider factory starts from. */
export interface CommonFields {
  readonly clientId: string;
  readonly clientSecret: Secret;
  readonly scopes: readonly string[];
  /** The caller's `fetch` and `timeout`, for the engine. */
  readonly settings: RequestSettings;
}

/**
 * Checks the options every factory takes and wraps the secret.
 *
 * @throws {@link ArgumentError} for an empty `clientId` or `clientSecret`, an invalid scope or a
 * timeout that is not positive.
 */
export function commonFields(
  options: CommonProviderOptions,
  defaultScopes: readonly string[],
): CommonFields {
  assertNonEmptyString(options.clientId, "clientId");
  assertNonEmptyString(options.clientSecret, "clientSecret");
  const scopes = Object.freeze([...(options.scopes ?? defaultScopes)]);
  assertScopes(scopes, "scopes");
  assertTimeout(options.timeout, "timeout");
  return {
    clientId: options.clientId,
    clientSecret: new Secret(options.clientSecret),
    scopes,
    settings: { fetch: options.fetch, timeout: options.timeout },
  };
}

/** What only OpenID Connect discovery can tell: a plain OAuth 2.0 provider has none of it. */
type OidcOnlyCapabilities = "endSession" | "backchannelLogout";

/**
 * The facts of a plain OAuth 2.0 provider: no issuer, no callback parameters to keep, and no
 * logout at the provider beyond revoking tokens.
 */
export type OAuth2Facts = Omit<
  Provider,
  "protocol" | "issuer" | "issuerParameter" | "tokenParams" | "capabilities"
> &
  Partial<Pick<Provider, "tokenParams">> & {
    readonly capabilities: Omit<ProviderCapabilities, OidcOnlyCapabilities>;
  };

/** A plain OAuth 2.0 provider's facts, completed. */
export function oauth2Facts(facts: OAuth2Facts): Provider {
  return {
    protocol: "oauth2",
    issuer: undefined,
    issuerParameter: false,
    tokenParams: [],
    ...facts,
    // Both are OpenID Connect specifications, announced in a discovery document.
    capabilities: { ...facts.capabilities, endSession: false, backchannelLogout: false },
  };
}

/**
 * A REST API's facts: the token as `Bearer` unless said otherwise, no extra headers, no
 * API-specific request headers, no ETags.
 */
export function restApi(
  baseUrl: string,
  facts: Partial<Omit<ProviderApi, "baseUrl">> = {},
): ProviderApi {
  return { baseUrl, scheme: "Bearer", headers: {}, requestHeaders: [], etags: false, ...facts };
}
