import type { OAuthProvider } from "../provider.js";

/** What every provider factory takes; a definition's `settings` add provider-specific ones. */
export interface CommonProviderOptions {
  clientId: string;
  clientSecret: string;
  /** Replaces the provider's default scopes. */
  scopes?: string[];
  fetch?: typeof fetch;
  /** Milliseconds per request, default 10 000. */
  timeout?: number;
}

/** The common options plus the provider's own settings, by option name (strings from configuration). */
export type ProviderFactoryOptions = CommonProviderOptions & {
  [option: string]: string | string[] | number | typeof fetch | undefined;
};

/** A provider-specific setting, e.g. GitLab's instance URL or Microsoft's tenant. */
export interface ProviderSetting {
  /** The factory option it fills, e.g. "url". */
  option: string;
  /** Suffix of its environment variable: `<ID>_<env>`, e.g. GITLAB_URL. */
  env: string;
  required: boolean;
  description: string;
}

/**
 * A catalogue entry: how to make the provider and what a person needs to set it up. The
 * gateway reads `settings` to know which environment variables to look for, and the README's
 * provider table is written from `setup`.
 */
export interface ProviderDefinition {
  id: string;
  name: string;
  /** "oidc" providers validate an id_token (nonce, signature, iss, aud, exp). */
  protocol: "oauth2" | "oidc";
  create(options: ProviderFactoryOptions): OAuthProvider;
  settings: readonly ProviderSetting[];
  setup: {
    /** Where an app/client is registered. */
    console: string;
    /** The scopes asked for by default. */
    defaultScopes: readonly string[];
    /** Refresh tokens: "always", "on request" (a scope or setting), or "never". */
    refresh: "always" | "on request" | "never";
    revocation: boolean;
    pkce: boolean;
    notes?: string;
  };
}
