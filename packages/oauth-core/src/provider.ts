/** Which token a revocation is about (RFC 7009's `token_type_hint`). */
export type TokenType = "access_token" | "refresh_token";

/** How the client proves itself at the token endpoint (RFC 6749 §2.3.1). */
export type ClientAuthMethod = "client_secret_post" | "client_secret_basic";

/**
 * Whether sign-ins come with a refresh token: `"always"`, `"on request"` (a scope such as
 * `offline_access`, or an app setting at the provider) or `"never"`.
 */
export type RefreshSupport = "always" | "on request" | "never";

/**
 * A rule {@link checkAccess} can apply to decide who may sign in. Every provider supports
 * `users`; `emails` and `emailDomains` only where the provider verifies the address it gives;
 * `groups` for OpenID Connect providers (a claim listing the person's groups); `orgs` and
 * `teams` for GitHub.
 */
export type AccessRule = "users" | "emails" | "emailDomains" | "groups" | "orgs" | "teams";

/** Where a provider's endpoints are, all absolute URLs. */
export interface ProviderEndpoints {
  /** Where the browser is sent to sign in, query parameters the provider always needs included. */
  readonly authorization: string;
  /** Where codes and refresh tokens are redeemed. */
  readonly token: string;
  /** RFC 8628 device authorization endpoint; absent when the provider has no device flow. */
  readonly device?: string | undefined;
  /**
   * OpenID Connect RP-Initiated Logout's `end_session_endpoint`, from discovery, where
   * {@link endSessionUrl} sends the browser; absent when the provider has none.
   */
  readonly endSession?: string | undefined;
}

/** What a provider can do, so that a server asks for a capability, not for a provider by name. */
export interface ProviderCapabilities {
  /** Whether sign-ins come with a refresh token ({@link refreshTokens}). */
  readonly refresh: RefreshSupport;
  /** Whether {@link revokeToken} works (it throws {@link UnsupportedError} otherwise). */
  readonly revoke: boolean;
  /**
   * Whether a refresh token can be revoked too (`revokeToken(p, token, { tokenType:
   * "refresh_token" })`): true where revocation is RFC 7009's, which ends the grant that way.
   */
  readonly revokeRefresh: boolean;
  /** Whether the device authorization grant works ({@link startDeviceAuthorization}). */
  readonly device: boolean;
  /** Whether an S256 PKCE challenge and verifier are sent (false only for LinkedIn). */
  readonly pkce: boolean;
  /**
   * Whether `NormalizedUser.email` is always an address the provider verified. False for
   * Microsoft (its `email` claim is whatever a tenant admin typed) and for `oauth2()`: never
   * admit or link people by such an address.
   */
  readonly verifiedEmail: boolean;
  /**
   * Whether `NormalizedUser.login` names one account at the provider (GitHub, GitLab), so an
   * allow-list may name people by it. False where it is a display name or an email's local part
   * (Google's `jane` may be anyone's): such lists name people by `id`.
   */
  readonly uniqueLogin: boolean;
  /**
   * Whether the provider can end the person's session there too: its discovery document lists
   * an `end_session_endpoint` (`endpoints.endSession`), so {@link endSessionUrl} works (it
   * throws {@link UnsupportedError} otherwise). OpenID Connect RP-Initiated Logout 1.0; false for
   * every plain OAuth 2.0 provider.
   */
  readonly endSession: boolean;
  /**
   * Whether the provider says it sends back-channel logout tokens (its discovery states
   * `backchannel_logout_supported: true`): register a `backchannel_logout_uri` with it and check
   * what arrives there with {@link verifyLogoutToken}. OpenID Connect Back-Channel Logout 1.0;
   * false for every plain OAuth 2.0 provider.
   */
  readonly backchannelLogout: boolean;
}

/**
 * The provider's REST API, for a server that calls it (or proxies it) with the user's access
 * token: `fetch(new URL(path, api.baseUrl + "/"), { headers: { authorization:
 * `${api.scheme} ${token}`, ...api.headers } })`.
 */
export interface ProviderApi {
  /** The API's base URL, without a trailing slash, e.g. `"https://api.github.com"`. */
  readonly baseUrl: string;
  /** The `Authorization` scheme the API takes the token with: `Bearer`, or Yandex's `OAuth`. */
  readonly scheme: "Bearer" | "OAuth";
  /** Headers every call needs besides the token (Twitch's `Client-Id`), by lower-case name. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Request headers of the API's own that a client may send through a proxy (lower-case), e.g.
   * GitHub's `x-github-api-version`; standard ones (`accept`, `content-type`, conditional
   * reads) are a proxy's own business.
   */
  readonly requestHeaders: readonly string[];
  /** Whether the API answers with ETags and takes `If-None-Match`, so a proxy may revalidate. */
  readonly etags: boolean;
}

/**
 * A provider: a frozen object of facts and capabilities, made by a factory ({@link github},
 * {@link google}, {@link oidc}, {@link oauth2}…; one file per provider). Pass it to the flow
 * functions ({@link createAuthorizationRequest}, {@link exchangeCode}, {@link fetchUser}…). How
 * a provider departs from the standards is the factory's business and not part of this type,
 * so it can change without breaking callers; a copy of a provider (`{ ...provider }`) is not a
 * provider. Make one per client configuration and reuse it.
 */
export interface Provider {
  /** Short id, e.g. `"github"`: also {@link NormalizedUser.provider}. */
  readonly id: string;
  /** Display name, e.g. `"GitHub"`, for "Sign in with …" buttons and error messages. */
  readonly name: string;
  /** `"oidc"` providers send a `nonce` and validate an id_token (signature, iss, aud, exp…). */
  readonly protocol: "oauth2" | "oidc";
  /** The OAuth client id registered with the provider. */
  readonly clientId: string;
  /** Scopes requested by default. */
  readonly scopes: readonly string[];
  /** The issuer identifier (RFC 8414 / RFC 9207), when the provider has one. */
  readonly issuer: string | undefined;
  /** Whether every authorization response carries `iss` (RFC 9207), so one without is refused. */
  readonly issuerParameter: boolean;
  /** Its endpoints: always complete, an OpenID Connect provider's included (from discovery). */
  readonly endpoints: ProviderEndpoints;
  /** What it can do. */
  readonly capabilities: ProviderCapabilities;
  /** The rules {@link checkAccess} can apply to this provider's users. */
  readonly access: readonly AccessRule[];
  /** Its REST API, when it has one worth calling with a user's token. */
  readonly api: ProviderApi | undefined;
  /**
   * Callback parameters its token requests need besides the code (VK ID's `device_id`): pass
   * them as `extraParams` to {@link exchangeCode}, keep them with the tokens, and pass them to
   * {@link refreshTokens} too. Empty for nearly every provider.
   */
  readonly tokenParams: readonly string[];
}
