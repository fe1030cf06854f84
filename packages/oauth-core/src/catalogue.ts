import type { OAuthProvider } from "./provider.js";
import { bitbucket } from "./providers/bitbucket.js";
import { discord } from "./providers/discord.js";
import { facebook } from "./providers/facebook.js";
import { github } from "./providers/github.js";
import { oidc } from "./providers/oidc.js";
import { spotify } from "./providers/spotify.js";
import { twitter } from "./providers/twitter.js";
import { vk } from "./providers/vk.js";
import { yandex } from "./providers/yandex.js";

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
  bitbucket: {
    id: "bitbucket",
    name: "Bitbucket",
    protocol: "oauth2",
    create: (o) => bitbucket(o),
    settings: [],
    setup: {
      console: "Bitbucket workspace settings → OAuth consumers (a private consumer, with a secret)",
      defaultScopes: ["account", "email"],
      refresh: "always",
      revocation: false,
      pkce: true,
      notes:
        "Give the consumer the Account and Email permissions. Tokens expire after 2 hours. PKCE is sent, though Bitbucket Cloud does not document checking it.",
    },
  },
  facebook: {
    id: "facebook",
    name: "Facebook",
    protocol: "oauth2",
    create: (o) => facebook(o),
    settings: [],
    setup: {
      console: "https://developers.facebook.com/apps (Facebook Login)",
      defaultScopes: ["email", "public_profile"],
      refresh: "never",
      revocation: true,
      pkce: true,
      notes:
        "Graph API v19.0. User tokens last about 60 days and cannot be refreshed; trading them for long-lived tokens is not supported. Revoking deletes the app's permissions.",
    },
  },
  twitter: {
    id: "twitter",
    name: "X",
    protocol: "oauth2",
    create: (o) => twitter(o),
    settings: [],
    setup: {
      console:
        "https://developer.x.com/en/portal/dashboard (User authentication: Web App, confidential client)",
      defaultScopes: ["users.read", "tweet.read", "offline.access"],
      refresh: "on request",
      revocation: true,
      pkce: true,
      notes:
        "Tokens expire after 2 hours; offline.access (asked by default) brings a refresh token. X's API v2 gives no email address.",
    },
  },
  vk: {
    id: "vk",
    name: "VK ID",
    protocol: "oauth2",
    create: (o) => vk(o),
    settings: [],
    setup: {
      console: "https://id.vk.com/about/business/go (a VK ID app for the Web)",
      defaultScopes: ["vkid.personal_info", "email"],
      refresh: "always",
      revocation: true,
      pkce: true,
      notes:
        "Token requests need the callback's device_id: exchange and refresh through provider.withDevice(deviceId, state), and keep the device id with the tokens. VK ID's id_token is not used.",
    },
  },
  yandex: {
    id: "yandex",
    name: "Yandex",
    protocol: "oauth2",
    create: (o) => yandex(o),
    settings: [],
    setup: {
      console:
        "https://oauth.yandex.com/client/new (Web services, with login:info, login:email and login:avatar)",
      defaultScopes: ["login:info", "login:email", "login:avatar"],
      refresh: "always",
      revocation: false,
      pkce: true,
      notes:
        "Tokens last about a year. Yandex revokes only tokens issued for a device, which these are not: revokeToken says UnsupportedError and the token lives until it expires.",
    },
  },
  discord: {
    id: "discord",
    name: "Discord",
    protocol: "oauth2",
    create: (o) => discord(o),
    settings: [],
    setup: {
      console: "https://discord.com/developers/applications (OAuth2)",
      defaultScopes: ["identify", "email"],
      refresh: "always",
      revocation: true,
      pkce: true,
      notes: "Access tokens last 7 days. The email is used only when Discord marks it verified.",
    },
  },
  spotify: {
    id: "spotify",
    name: "Spotify",
    protocol: "oauth2",
    create: (o) => spotify(o),
    settings: [],
    setup: {
      console: "https://developer.spotify.com/dashboard",
      defaultScopes: ["user-read-email", "user-read-private"],
      refresh: "always",
      revocation: false,
      pkce: true,
      notes:
        "Access tokens last 1 hour; a refresh may leave out a new refresh token (keep the old one). Spotify documents the email as unverified, so the normalized email is null (raw keeps it).",
    },
  },
} satisfies Record<string, ProviderDefinition>);
