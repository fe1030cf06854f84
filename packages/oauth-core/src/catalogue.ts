import type { OAuthProvider } from "./provider.js";
import { github } from "./providers/github.js";
import { oidc } from "./providers/oidc.js";

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

/** Every provider Latchkey knows, by id. One file each under `providers/`. */
export const providers: Readonly<Record<string, ProviderDefinition>> = Object.freeze({
  github: {
    id: "github",
    name: "GitHub",
    protocol: "oauth2",
    create: (o) =>
      github({
        ...o,
        ...(typeof o.url === "string" && { url: o.url }),
        ...(typeof o.apiUrl === "string" && { apiUrl: o.apiUrl }),
      }),
    settings: [
      {
        option: "url",
        env: "URL",
        required: false,
        description: "GitHub Enterprise Server URL; default https://github.com",
      },
      {
        option: "apiUrl",
        env: "API_URL",
        required: false,
        description: "REST API base; default api.github.com, or <URL>/api/v3",
      },
    ],
    setup: {
      console: "https://github.com/settings/developers (OAuth Apps)",
      defaultScopes: ["read:user", "user:email"],
      refresh: "on request",
      revocation: true,
      pkce: true,
      notes:
        "OAuth App tokens do not expire; GitHub App user tokens expire after 8 hours and come with a refresh token.",
    },
  },
  oidc: {
    id: "oidc",
    name: "OpenID Connect",
    protocol: "oidc",
    create: (o) =>
      oidc({ ...o, issuer: String(o.issuer), ...(typeof o.name === "string" && { name: o.name }) }),
    settings: [
      {
        option: "issuer",
        env: "ISSUER",
        required: true,
        description: "the issuer URL (its /.well-known/openid-configuration is read)",
      },
      {
        option: "name",
        env: "NAME",
        required: false,
        description: 'shown as "Sign in with <NAME>"',
      },
    ],
    setup: {
      console: "your identity provider's admin console",
      defaultScopes: ["openid", "profile", "email"],
      refresh: "on request",
      revocation: true,
      pkce: true,
      notes:
        "Any OpenID Connect provider by discovery; revocation when it advertises a revocation_endpoint.",
    },
  },
} satisfies Record<string, ProviderDefinition>);
