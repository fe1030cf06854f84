import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { assertIssuer } from "../oidc/support.js";
import { readNullableString } from "../parse.js";
import type { OAuthProvider } from "../provider.js";
import { stringSetting } from "../settings.js";
import { trimTrailingSlashes } from "../validate.js";
import { oidc } from "./oidc.js";

const GITLAB_URL = "https://gitlab.com";
const DEFAULT_SCOPES = ["openid", "profile", "email", "read_user"];

/**
 * Options of {@link gitlab}: the common ones (default scopes `["openid", "profile", "email",
 * "read_user"]`) plus `url`.
 */
export interface GitLabOptions extends CommonProviderOptions {
  /** Default "https://gitlab.com", or a self-managed instance: it is the issuer. */
  url?: string;
}

/**
 * GitLab.com or a self-managed instance, by OpenID Connect discovery: PKCE, nonce, RFC 7009
 * revocation at the discovered `<url>/oauth/revoke`. Access tokens expire after two hours and
 * always come with a refresh token.
 */
export function gitlab(options: GitLabOptions): OAuthProvider {
  // The instance's URL is its issuer; a bad one is named as the caller passed it.
  if (options.url !== undefined) assertIssuer(options.url, "url");
  return oidc({
    ...options,
    id: "gitlab",
    name: "GitLab",
    issuer: trimTrailingSlashes(options.url ?? GITLAB_URL),
    scopes: options.scopes ?? DEFAULT_SCOPES,
    hooks: {
      // `nickname` is the username in GitLab's claims (as is `preferred_username`).
      normalizeUser: (user, raw, status) => ({
        ...user,
        login: readNullableString(raw, "nickname", status) ?? user.login,
      }),
    },
  });
}

/** The catalogue entry for {@link gitlab}: how to make it from configuration, how to set it up. */
export const gitlabDefinition: ProviderDefinition = {
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
};
