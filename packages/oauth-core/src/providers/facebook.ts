import { commonFields, oauth2Facts, restApi } from "../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { defineProvider } from "../engine.js";
import type { RequestContext } from "../http.js";
import { assertJsonObject, isJsonObject, readId, readNullableString } from "../parse.js";
import type { AccessRule, Provider } from "../provider.js";
import {
  bodyOf,
  nestedError,
  parseTokenResponseWith,
  revocationError,
} from "../provider-errors.js";
import { userFrom } from "../rest-api.js";
import { toHttpUrl } from "../text.js";
import type { NormalizedUser } from "../types.js";

/** One Graph API version for every call: Facebook changes behaviour between versions. */
const GRAPH_VERSION = "v19.0";
const AUTHORIZE_URL = `https://www.facebook.com/${GRAPH_VERSION}/dialog/oauth`;
const GRAPH_URL = `https://graph.facebook.com/${GRAPH_VERSION}`;
const DEFAULT_SCOPES = ["email", "public_profile"];
const ACCESS: readonly AccessRule[] = ["users", "emails", "emailDomains"];
/** Graph's OAuthException code for a token that is invalid, expired or already revoked. */
const INVALID_TOKEN = 190;

/**
 * Options of {@link facebook}: the common ones only, no provider-specific settings. Default
 * scopes: `["email", "public_profile"]`.
 */
export type FacebookOptions = CommonProviderOptions;

/**
 * Facebook Login. Its user tokens last about 60 days and come without a refresh token (trading
 * them for long-lived ones is out of scope here); signing out deletes the app's permissions.
 */
export function facebook(options: FacebookOptions): Provider {
  const { clientId, clientSecret, scopes, settings } = commonFields(options, DEFAULT_SCOPES);
  return defineProvider(
    oauth2Facts({
      id: "facebook",
      name: "Facebook",
      clientId,
      scopes,
      endpoints: { authorization: AUTHORIZE_URL, token: `${GRAPH_URL}/oauth/access_token` },
      capabilities: {
        refresh: "never",
        revoke: true,
        revokeRefresh: false,
        device: false,
        pkce: true,
        // Graph gives `email` only for an address the person confirmed.
        verifiedEmail: true,
        // The login is an address, which can change hands, or else the id.
        uniqueLogin: false,
      },
      access: ACCESS,
      api: restApi(GRAPH_URL),
    }),
    {
      clientSecret,
      clientAuth: "client_secret_post",
      settings,
      // Graph states token errors as {"error": {"message", "type", "code"}}, not RFC 6749's.
      processTokenResponse: (_ctx, response) =>
        parseTokenResponseWith(nestedError)(response.status, response.json()),
      fetchUser: userFrom({
        url: `${GRAPH_URL}/me?fields=id,name,email,picture`,
        api: "the Graph API",
        readError: nestedError,
        normalize: normalizeFacebookUser,
      }),
      revokeToken: revokeFacebookToken,
    },
  );
}

function normalizeFacebookUser(raw: unknown, status: number): NormalizedUser {
  assertJsonObject(raw, status, "the user");
  const id = readId(raw, "id", status);
  // Only with a confirmed address, and only when the person granted the email permission.
  const email = readNullableString(raw, "email", status);
  // Facebook has no user names any more; `link` would need the user_link permission.
  return {
    provider: "facebook",
    id,
    login: email ?? id,
    name: readNullableString(raw, "name", status),
    email,
    avatarUrl: pictureOf(raw.picture),
    profileUrl: null,
  };
}

/** `picture.data.url`, unless it is the grey silhouette Facebook shows for no picture. */
function pictureOf(picture: unknown): string | null {
  const data = isJsonObject(picture) ? picture.data : undefined;
  if (!isJsonObject(data) || data.is_silhouette === true) return null;
  return toHttpUrl(typeof data.url === "string" ? data.url : null);
}

/** DELETE /me/permissions: the app's whole grant goes, and every token with it. */
async function revokeFacebookToken(ctx: RequestContext, token: string): Promise<void> {
  const response = await ctx.request(`${GRAPH_URL}/me/permissions`, {
    method: "DELETE",
    headers: { Accept: "application/json", Authorization: `Bearer ${token}` },
  });
  const body = bodyOf(response);
  if (response.ok && isJsonObject(body) && body.success === true) return;
  // A token that is already invalid is what revoking wants.
  if (isJsonObject(body) && isJsonObject(body.error) && body.error.code === INVALID_TOKEN) return;
  throw revocationError(response, nestedError);
}

/** The catalogue entry for {@link facebook}: how to make it from configuration, how to set it up. */
export const facebookDefinition: ProviderDefinition = {
  id: "facebook",
  name: "Facebook",
  protocol: "oauth2",
  create: (o) => Promise.resolve(facebook(o)),
  access: ACCESS,
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
};
