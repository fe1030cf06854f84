import { commonFields, oauth2Facts, restApi } from "../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { defineProvider } from "../engine.js";
import { ProviderError } from "../errors.js";
import { assertJsonObject, isJsonObject, readNullableString, readString } from "../parse.js";
import type { AccessRule, Provider } from "../provider.js";
import { userFrom } from "../rest-api.js";
import { revokeTokenRfc7009 } from "../rfc7009.js";
import { toHttpUrl } from "../text.js";
import type { NormalizedUser } from "../types.js";

const AUTHORIZE_URL = "https://twitter.com/i/oauth2/authorize";
const API_URL = "https://api.twitter.com/2";
const USER_URL = `${API_URL}/users/me?user.fields=profile_image_url,name,username`;
const DEFAULT_SCOPES = ["users.read", "tweet.read", "offline.access"];
/** X gives no email address, so only people can be listed. */
const ACCESS: readonly AccessRule[] = ["users"];

/**
 * Options of {@link twitter}: the common ones only, no provider-specific settings. Default scopes:
 * `["users.read", "tweet.read", "offline.access"]`; keep `offline.access` for a refresh token.
 */
export type TwitterOptions = CommonProviderOptions;

/**
 * X (Twitter) with OAuth 2.0 as a confidential client; X refuses an authorization request
 * without PKCE. A refresh token comes only with the `offline.access` scope (asked by default).
 * X's API v2 does not give the email address, so `email` is always null.
 */
export function twitter(options: TwitterOptions): Provider {
  const { clientId, clientSecret, scopes, settings } = commonFields(options, DEFAULT_SCOPES);
  const client = { clientId, clientSecret, clientAuth: "client_secret_basic" } as const;
  return defineProvider(
    oauth2Facts({
      id: "twitter",
      name: "X",
      clientId,
      scopes,
      endpoints: { authorization: AUTHORIZE_URL, token: `${API_URL}/oauth2/token` },
      capabilities: {
        refresh: "on request",
        revoke: true,
        revokeRefresh: true,
        device: false,
        pkce: true,
        verifiedEmail: false,
        // The @username names one account at a time.
        uniqueLogin: true,
      },
      access: ACCESS,
      api: restApi(API_URL),
    }),
    {
      ...client,
      settings,
      fetchUser: userFrom({
        url: USER_URL,
        api: "the X API",
        readError: problemError,
        normalize: normalizeTwitterUser,
      }),
      // RFC 7009 with token_type_hint, as OpenID Connect providers do it.
      revokeToken: (ctx, token, tokenType) =>
        revokeTokenRfc7009(ctx, client, `${API_URL}/oauth2/revoke`, token, tokenType),
    },
  );
}

/** The API wraps the user in `data`; an answer with only `errors` has none. */
function normalizeTwitterUser(raw: unknown, status: number): NormalizedUser {
  assertJsonObject(raw, status, "the answer");
  const { data } = raw;
  assertJsonObject(data, status, '"data"');
  const username = readString(data, "username", status);
  return {
    provider: "twitter",
    id: readString(data, "id", status),
    login: username,
    name: readNullableString(data, "name", status),
    email: null,
    avatarUrl: toHttpUrl(readNullableString(data, "profile_image_url", status)),
    profileUrl: `https://x.com/${encodeURIComponent(username)}`,
  };
}

/** API v2 states failures as RFC 7807 problem details: `{title, detail, type, reason?}`. */
function problemError(status: number, body: unknown): ProviderError | undefined {
  if (!isJsonObject(body) || typeof body.title !== "string") return undefined;
  const { title, detail, type, reason } = body;
  return new ProviderError({
    error: typeof reason === "string" ? reason : title,
    errorDescription: typeof detail === "string" ? detail : undefined,
    errorUri: typeof type === "string" ? type : undefined,
    status,
  });
}

/** The catalogue entry for {@link twitter}: how to make it from configuration, how to set it up. */
export const twitterDefinition: ProviderDefinition = {
  id: "twitter",
  name: "X",
  protocol: "oauth2",
  create: (o) => Promise.resolve(twitter(o)),
  access: ACCESS,
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
};
