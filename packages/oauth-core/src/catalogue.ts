import type { OAuthProvider } from "./provider.js";
import { bitbucket } from "./providers/bitbucket.js";
import { discord } from "./providers/discord.js";
import { facebook } from "./providers/facebook.js";
import { github } from "./providers/github.js";
import { gitlab } from "./providers/gitlab.js";
import { google } from "./providers/google.js";
import { linkedin } from "./providers/linkedin.js";
import { microsoft } from "./providers/microsoft.js";
import { oauth2 } from "./providers/oauth2.js";
import { oidc } from "./providers/oidc.js";
import { booleanSetting, clientAuthSetting, stringSetting } from "./providers/settings.js";
import { slack } from "./providers/slack.js";
import { spotify } from "./providers/spotify.js";
import { twitch } from "./providers/twitch.js";
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
  google: {
    id: "google",
    name: "Google",
    protocol: "oidc",
    create: (o) =>
      google({
        ...o,
        issuer: stringSetting(o.issuer),
        offline: booleanSetting(o.offline, "offline"),
      }),
    settings: [
      {
        option: "issuer",
        env: "ISSUER",
        required: false,
        description: "default https://accounts.google.com; another issuer (the dev mock) stands in",
      },
      {
        option: "offline",
        env: "OFFLINE",
        required: false,
        description: '"true" asks for a refresh token (access_type=offline, prompt=consent)',
      },
    ],
    setup: {
      console:
        "https://console.cloud.google.com/apis/credentials (OAuth client ID, Web application)",
      defaultScopes: ["openid", "email", "profile"],
      refresh: "on request",
      revocation: true,
      pkce: true,
      notes:
        "A refresh token comes only with OFFLINE=true, which also makes Google ask for consent at every sign-in. The email is used only when Google marks it verified.",
    },
  },
  microsoft: {
    id: "microsoft",
    name: "Microsoft",
    protocol: "oidc",
    create: (o) => microsoft({ ...o, tenant: stringSetting(o.tenant) }),
    settings: [
      {
        option: "tenant",
        env: "TENANT",
        required: false,
        description: "common (default), organizations, consumers, or a directory (tenant) ID",
      },
    ],
    setup: {
      console:
        "https://entra.microsoft.com → App registrations (Web platform, with a client secret)",
      defaultScopes: ["openid", "profile", "email", "offline_access", "User.Read"],
      refresh: "always",
      revocation: false,
      pkce: true,
      notes:
        "Entra ID has no token revocation endpoint: sign-out cannot revoke. Its email claim is not verified by Microsoft: never link accounts by it. No avatar (Graph's photo needs the token).",
    },
  },
  gitlab: {
    id: "gitlab",
    name: "GitLab",
    protocol: "oidc",
    create: (o) => gitlab({ ...o, url: stringSetting(o.url) }),
    settings: [
      {
        option: "url",
        env: "URL",
        required: false,
        description: "a self-managed GitLab's URL; default https://gitlab.com",
      },
    ],
    setup: {
      console: "GitLab → Preferences → Applications (confidential, with the openid scope)",
      defaultScopes: ["openid", "profile", "email", "read_user"],
      refresh: "always",
      revocation: true,
      pkce: true,
      notes: "Access tokens expire after 2 hours and come with a refresh token.",
    },
  },
  linkedin: {
    id: "linkedin",
    name: "LinkedIn",
    protocol: "oidc",
    create: (o) => linkedin(o),
    settings: [],
    setup: {
      console:
        'https://www.linkedin.com/developers/apps (product "Sign In with LinkedIn using OpenID Connect")',
      defaultScopes: ["openid", "profile", "email"],
      refresh: "never",
      revocation: true,
      pkce: false,
      notes:
        "Access tokens last 60 days and cannot be refreshed. PKCE is off: LinkedIn documents it for native apps only.",
    },
  },
  slack: {
    id: "slack",
    name: "Slack",
    protocol: "oidc",
    create: (o) => slack(o),
    settings: [],
    setup: {
      console: "https://api.slack.com/apps (OAuth & Permissions: redirect URL; Sign in with Slack)",
      defaultScopes: ["openid", "profile", "email"],
      refresh: "on request",
      revocation: true,
      pkce: true,
      notes:
        "A refresh token comes only when token rotation is on for the app. Revocation is Slack's auth.revoke.",
    },
  },
  twitch: {
    id: "twitch",
    name: "Twitch",
    protocol: "oidc",
    create: (o) => twitch(o),
    settings: [],
    setup: {
      console: "https://dev.twitch.tv/console/apps (a confidential client)",
      defaultScopes: ["openid", "user:read:email"],
      refresh: "always",
      revocation: true,
      pkce: true,
      notes:
        "Access tokens last about 4 hours and come with a refresh token. The email and avatar are asked for with the claims parameter.",
    },
  },
  oauth2: {
    id: "oauth2",
    name: "OAuth 2.0",
    protocol: "oauth2",
    create: (o) =>
      oauth2({
        ...o,
        name: stringSetting(o.name),
        authorizationUrl: String(o.authorizationUrl),
        tokenUrl: String(o.tokenUrl),
        userinfoUrl: String(o.userinfoUrl),
        revocationUrl: stringSetting(o.revocationUrl),
        pkce: booleanSetting(o.pkce, "pkce"),
        clientAuth: clientAuthSetting(o.clientAuth, "clientAuth"),
      }),
    settings: [
      {
        option: "authorizationUrl",
        env: "AUTHORIZATION_URL",
        required: true,
        description: "the authorization endpoint",
      },
      { option: "tokenUrl", env: "TOKEN_URL", required: true, description: "the token endpoint" },
      {
        option: "userinfoUrl",
        env: "USERINFO_URL",
        required: true,
        description: "answers the user as JSON to the bearer token",
      },
      {
        option: "revocationUrl",
        env: "REVOCATION_URL",
        required: false,
        description: "an RFC 7009 revocation endpoint",
      },
      {
        option: "name",
        env: "NAME",
        required: false,
        description: 'shown as "Sign in with <NAME>"',
      },
      { option: "pkce", env: "PKCE", required: false, description: '"true" (default) or "false"' },
      {
        option: "clientAuth",
        env: "CLIENT_AUTH",
        required: false,
        description: "client_secret_basic (default) or client_secret_post",
      },
    ],
    setup: {
      console: "your provider's developer console",
      defaultScopes: [],
      refresh: "on request",
      revocation: false,
      pkce: true,
      notes:
        "Any OAuth 2.0 server without OpenID Connect. The user is read from sub/id, preferred_username/login/username, name, email, picture/avatar_url and profile/html_url. Revocation only with REVOCATION_URL.",
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
        "Token requests need the callback's device_id: oauth-core binds it (bindCallbackContext) and the gateway keeps it with the tokens for refreshes. VK ID's id_token is not used.",
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
