import { restApi } from "../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { oidcAccess } from "../oidc/access.js";
import type { OidcFacts } from "../oidc/hooks.js";
import { oidcProvider } from "../oidc/provider.js";
import { isJsonObject } from "../parse.js";
import type { Provider } from "../provider.js";
import { revokeTokenRfc7009 } from "../rfc7009.js";

const LINKEDIN_ISSUER = "https://www.linkedin.com/oauth";
/** Not in LinkedIn's discovery document. */
const REVOCATION_URL = "https://www.linkedin.com/oauth/v2/revoke";
const DEFAULT_SCOPES = ["openid", "profile", "email"];
const FACTS = {
  // Refresh tokens are for LinkedIn's approved partners only; sign-ins get 60-day tokens.
  refresh: "never",
  // LinkedIn sends `email_verified` with the address; an address without it is dropped.
  verifiedEmail: true,
  uniqueLogin: false,
  // Its versioned `/rest` APIs want the version, and Rest.li 2.0 for their query syntax.
  api: restApi("https://api.linkedin.com", {
    requestHeaders: ["linkedin-version", "x-restli-protocol-version"],
  }),
} as const satisfies OidcFacts;

/**
 * Options of {@link linkedin}: the common ones only, no provider-specific settings. Default
 * scopes: `["openid", "profile", "email"]`.
 */
export type LinkedInOptions = CommonProviderOptions;

/**
 * "Sign In with LinkedIn using OpenID Connect" (the promise settles once discovery has run).
 * Client credentials go in the body, the way LinkedIn documents its token endpoint. No PKCE:
 * LinkedIn documents it for native apps only, enabled on request. Access tokens last 60 days
 * with no refresh token; revocation at /oauth/v2/revoke (client_id, client_secret, token),
 * which discovery does not list. Its API is `https://api.linkedin.com`.
 *
 * @throws As {@link oidc}.
 */
export function linkedin(options: LinkedInOptions): Promise<Provider> {
  return oidcProvider(
    {
      ...options,
      id: "linkedin",
      name: "LinkedIn",
      issuer: LINKEDIN_ISSUER,
      scopes: options.scopes ?? DEFAULT_SCOPES,
      clientAuth: "client_secret_post",
    },
    {
      pkce: false,
      adaptResponse: (endpoint, _status, body) =>
        endpoint === "userinfo" ? withBooleanEmailVerified(body) : body,
      revokeToken: (ctx, token, client, _endpoint, tokenType) =>
        revokeTokenRfc7009(ctx, client, REVOCATION_URL, token, tokenType),
      revokesRefreshTokens: true,
    },
    FACTS,
  );
}

/** LinkedIn has sent `email_verified` as the string "true"; anything but a boolean stays as sent. */
function withBooleanEmailVerified(body: unknown): unknown {
  if (!isJsonObject(body)) return body;
  const verified = body.email_verified;
  if (verified !== "true" && verified !== "false") return body;
  return { ...body, email_verified: verified === "true" };
}

/** The catalogue entry for {@link linkedin}: how to make it from configuration, how to set it up. */
export const linkedinDefinition: ProviderDefinition = {
  id: "linkedin",
  name: "LinkedIn",
  protocol: "oidc",
  create: (o) => linkedin(o),
  access: oidcAccess(FACTS),
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
};
