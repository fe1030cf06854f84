import type { AccessRule, Provider } from "./provider.js";

/**
 * What every provider factory takes; a definition's `settings` add provider-specific ones.
 * Every factory checks these at once and throws an {@link ArgumentError} for a bad one.
 */
export interface CommonProviderOptions {
  /** The OAuth client id from the provider's developer console (non-empty). */
  clientId: string;
  /**
   * The client secret (non-empty), kept as a {@link Secret} so that logging the provider never
   * prints it. Load it from the environment or a secret store, never from source code.
   */
  clientSecret: string;
  /**
   * Replaces the provider's default scopes (each an RFC 6749 scope token: printable ASCII
   * without spaces, double quotes or backslashes). The array is copied: changing it later
   * changes nothing.
   */
  scopes?: string[];
  /**
   * The `fetch` for every request to the provider, for a proxy, tracing or tests; default
   * `globalThis.fetch`, looked up on each call (so interceptors installed later still apply).
   */
  fetch?: typeof fetch;
  /**
   * Milliseconds per request (positive), body and retries included; default 10 000
   * ({@link DEFAULT_TIMEOUT}).
   */
  timeout?: number;
}

/**
 * What {@link ProviderDefinition.create} takes: the common options plus the provider's own
 * settings, by option name, as strings from configuration (`"true"`/`"false"` for booleans).
 */
export type ProviderFactoryOptions = CommonProviderOptions & {
  /** A provider-specific setting named in {@link ProviderDefinition.settings}, e.g. `url`. */
  [option: string]: string | string[] | number | typeof fetch | undefined;
};

/** A provider-specific setting, e.g. GitLab's instance URL or Microsoft's tenant. */
export interface ProviderSetting {
  /** The factory option it fills, e.g. "url". */
  option: string;
  /** Suffix of its environment variable: `<ID>_<env>`, e.g. GITLAB_URL. */
  env: string;
  /** Whether the provider cannot be made without it (e.g. `oidc`'s `issuer`). */
  required: boolean;
  /** One line for people configuring it: what it is, and its default. */
  description: string;
}

/**
 * A catalogue entry: how to make the provider and what a person needs to set it up. The
 * gateway reads `settings` to know which environment variables to look for, and the README's
 * provider table is written from `setup`.
 */
export interface ProviderDefinition {
  /** The provider's id, also its key in {@link providers}, e.g. `"github"`. */
  id: string;
  /** Display name, e.g. `"GitHub"`. */
  name: string;
  /** "oidc" providers validate an id_token (nonce, signature, iss, aud, exp). */
  protocol: "oauth2" | "oidc";
  /**
   * Makes the provider from configuration: the same as calling its factory, with string
   * settings converted (`"true"`/`"false"` to booleans). The promise settles at once, but for
   * OpenID Connect providers, whose discovery runs first.
   *
   * @throws {@link ArgumentError} at once (not in the promise) when an option is missing or
   * invalid.
   */
  create(options: ProviderFactoryOptions): Promise<Provider>;
  /**
   * The rules {@link checkAccess} can apply to its users ({@link Provider.access}), known
   * before the provider is made, so a configuration can be checked without discovery.
   */
  access: readonly AccessRule[];
  /**
   * Scopes an access rule needs besides the default ones (GitHub's `orgs` and `teams` need
   * `read:org` to see private memberships): add them when the rule is configured.
   */
  accessScopes?: Readonly<Partial<Record<AccessRule, readonly string[]>>>;
  /** The provider's own options beyond {@link CommonProviderOptions}; empty for most. */
  settings: readonly ProviderSetting[];
  /** What a person needs to know to register an app with the provider. */
  setup: {
    /** Where an app/client is registered. */
    console: string;
    /** The scopes asked for by default. */
    defaultScopes: readonly string[];
    /** Refresh tokens: "always", "on request" (a scope or setting), or "never". */
    refresh: "always" | "on request" | "never";
    /** Whether {@link revokeToken} works (else it throws {@link UnsupportedError}). */
    revocation: boolean;
    /** Whether S256 PKCE is sent (false only for LinkedIn). */
    pkce: boolean;
    /** Quirks worth knowing: token lifetimes, email verification, limits. */
    notes?: string;
  };
}
