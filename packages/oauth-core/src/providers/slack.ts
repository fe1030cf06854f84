import { restApi } from "../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { ProviderError, ResponseError } from "../errors.js";
import type { RequestContext } from "../http.js";
import { oidcProvider } from "../oidc/provider.js";
import { isJsonObject } from "../parse.js";
import type { Provider } from "../provider.js";
import { tokenRejected } from "../provider-errors.js";

const SLACK_ISSUER = "https://slack.com";
/** The Web API, which takes the user's token as Bearer. */
const API_URL = "https://slack.com/api";
const REVOKE_URL = `${API_URL}/auth.revoke`;
const DEFAULT_SCOPES = ["openid", "profile", "email"];
/** Slack API errors that mean the token no longer works. */
const TOKEN_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "account_inactive",
]);

/**
 * Options of {@link slack}: the common ones only, no provider-specific settings. Default scopes:
 * `["openid", "profile", "email"]`.
 */
export type SlackOptions = CommonProviderOptions;

/**
 * "Sign in with Slack" (OpenID Connect; the promise settles once discovery has run). Slack's
 * Web API answers errors with HTTP 200 and `{"ok": false, "error": "…"}`, token endpoint
 * included: they become a ProviderError, or the usual ResponseError 401 when the token was
 * rejected. Revocation is Slack's auth.revoke.
 */
export function slack(options: SlackOptions): Promise<Provider> {
  return oidcProvider(
    {
      ...options,
      id: "slack",
      name: "Slack",
      issuer: SLACK_ISSUER,
      scopes: options.scopes ?? DEFAULT_SCOPES,
      clientAuth: "client_secret_post",
    },
    {
      adaptResponse: (endpoint, status, body) => {
        const error = slackError(status, body);
        if (!error) return body;
        if (endpoint === "userinfo" && TOKEN_ERRORS.has(error.error)) {
          throw tokenRejected();
        }
        throw error;
      },
      revokeToken: revokeSlackToken,
    },
    {
      api: restApi(API_URL),
      refresh: "on request",
      // An address admits someone only when the id_token says `email_verified`; the login is
      // the address, as Slack sends no preferred_username.
      verifiedEmail: false,
      uniqueLogin: false,
    },
  );
}

/** The error of an `{"ok": false}` answer, else undefined. */
function slackError(status: number, body: unknown): ProviderError | undefined {
  if (!isJsonObject(body) || body.ok !== false) return undefined;
  const error = typeof body.error === "string" ? body.error : "unknown_error";
  return new ProviderError({ error, status });
}

/** auth.revoke takes the token itself as credentials; a token already dead counts as revoked. */
async function revokeSlackToken(ctx: RequestContext, token: string): Promise<void> {
  const response = await ctx.request(REVOKE_URL, {
    method: "POST",
    headers: { Accept: "application/json", Authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    throw new ResponseError(`token revocation answered HTTP ${response.status}`, response.status);
  }
  const error = slackError(response.status, response.json());
  if (error && !TOKEN_ERRORS.has(error.error)) throw error;
}

/** The catalogue entry for {@link slack}: how to make it from configuration, how to set it up. */
export const slackDefinition: ProviderDefinition = {
  id: "slack",
  name: "Slack",
  protocol: "oidc",
  create: (o) => slack(o),
  access: ["users", "emails", "emailDomains", "groups"],
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
};
