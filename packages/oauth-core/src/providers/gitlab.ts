import { restApi } from "../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { oidcAccess } from "../oidc/access.js";
import type { OidcFacts } from "../oidc/hooks.js";
import { oidcProvider } from "../oidc/provider.js";
import { assertIssuer } from "../oidc/support.js";
import { readNullableString } from "../parse.js";
import type { Provider } from "../provider.js";
import { stringSetting } from "../settings.js";
import { trimTrailingSlashes } from "../validate.js";

const GITLAB_URL = "https://gitlab.com";
const DEFAULT_SCOPES = ["openid", "profile", "email", "read_user"];
const FACTS = {
  refresh: "always",
  // GitLab sends `email_verified` with every address; an address without it is dropped.
  verifiedEmail: true,
  uniqueLogin: true,
} as const satisfies OidcFacts;

/**
 * Options of {@link gitlab}: the common ones (default scopes `["openid", "profile", "email",
 * "read_user"]`) plus `url`.
 */
export interface GitLabOptions extends CommonProviderOptions {
  /** Default "https://gitlab.com", or a self-managed instance: it is the issuer. */
  url?: string;
}

/**
 * GitLab.com or a self-managed instance, by OpenID Connect discovery (the promise settles once
 * it has run): PKCE, nonce, RFC 7009 revocation at the discovered `<url>/oauth/revoke`. Access
 * tokens expire after two hours and always come with a refresh token. `login` is the username;
 * its API is the instance's REST API (`<url>/api/v4`), which answers with ETags.
 *
 * @throws As {@link oidc}; `url` is checked as `issuer` is, and named `url`.
 */
export function gitlab(options: GitLabOptions): Promise<Provider> {
  // The instance's URL is its issuer; a bad one is named as the caller passed it.
  if (options.url !== undefined) assertIssuer(options.url, "url");
  const url = trimTrailingSlashes(options.url ?? GITLAB_URL);
  return oidcProvider(
    {
      ...options,
      id: "gitlab",
      name: "GitLab",
      issuer: url,
      scopes: options.scopes ?? DEFAULT_SCOPES,
    },
    {
      // `nickname` is the username in GitLab's claims (as is `preferred_username`). Never an
      // email: allow-lists name people by login, and an address there may be unverified.
      normalizeUser: (user, raw, status) => ({
        ...user,
        login:
          readNullableString(raw, "nickname", status) ??
          readNullableString(raw, "preferred_username", status) ??
          user.id,
      }),
    },
    {
      ...FACTS,
      api: restApi(`${url}/api/v4`, { etags: true }),
    },
  );
}

/** The catalogue entry for {@link gitlab}: how to make it from configuration, how to set it up. */
export const gitlabDefinition: ProviderDefinition = {
  id: "gitlab",
  name: "GitLab",
  protocol: "oidc",
  create: (o) => gitlab({ ...o, url: stringSetting(o.url) }),
  access: oidcAccess(FACTS),
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
