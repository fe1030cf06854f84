import { commonFields, oauth2Facts, restApi } from "../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { defineProvider } from "../engine.js";
import type { RequestContext } from "../http.js";
import {
  assertJsonArray,
  assertJsonObject,
  isJsonObject,
  readNullableString,
  readOptionalBoolean,
  readString,
} from "../parse.js";
import type { AccessRule, Provider } from "../provider.js";
import { nestedError } from "../provider-errors.js";
import { type ApiJson, getJson } from "../rest-api.js";
import { toHttpUrl } from "../text.js";
import { parseTokenResponse } from "../token-response.js";
import type { NormalizedUser, UserInfo } from "../types.js";

const AUTHORIZE_URL = "https://bitbucket.org/site/oauth2/authorize";
const TOKEN_URL = "https://bitbucket.org/site/oauth2/access_token";
const API_URL = "https://api.bitbucket.org/2.0";
const DEFAULT_SCOPES = ["account", "email"];
const ACCESS: readonly AccessRule[] = ["users", "emails", "emailDomains"];

/**
 * Options of {@link bitbucket}: the common ones only, no provider-specific settings. Default
 * scopes: `["account", "email"]`; give the consumer the Account and Email permissions.
 */
export type BitbucketOptions = CommonProviderOptions;

/**
 * Bitbucket Cloud as an OAuth consumer. Access tokens last two hours and always come with a
 * refresh token; Bitbucket has no revocation endpoint, so `revokeToken` is an UnsupportedError.
 */
export function bitbucket(options: BitbucketOptions): Provider {
  const { clientId, clientSecret, scopes, settings } = commonFields(options, DEFAULT_SCOPES);
  return defineProvider(
    oauth2Facts({
      id: "bitbucket",
      name: "Bitbucket",
      clientId,
      scopes,
      endpoints: { authorization: AUTHORIZE_URL, token: TOKEN_URL },
      capabilities: {
        refresh: "always",
        revoke: false,
        revokeRefresh: false,
        device: false,
        // Not documented by Bitbucket Cloud; servers ignore parameters they do not know (RFC
        // 6749 §3.1), so sending it costs nothing and binds the code wherever it is checked.
        pkce: true,
        // Only the primary address, and only once the person confirmed it.
        verifiedEmail: true,
        // The login falls back to the nickname, which Atlassian does not keep unique.
        uniqueLogin: false,
      },
      access: ACCESS,
      api: restApi(API_URL),
    }),
    {
      clientSecret,
      clientAuth: "client_secret_basic",
      settings,
      // Bitbucket names the granted scopes "scopes", not RFC 6749's "scope".
      processTokenResponse: (_ctx, response) => {
        const body = response.json();
        const named = isJsonObject(body) ? { scope: body.scopes, ...body } : body;
        return parseTokenResponse(response.status, named);
      },
      fetchUser: (ctx, accessToken, { scopes: granted }) =>
        fetchBitbucketUser(ctx, accessToken, granted),
    },
  );
}

async function fetchBitbucketUser(
  ctx: RequestContext,
  accessToken: string,
  scopes: readonly string[],
): Promise<UserInfo> {
  const call = { api: "the Bitbucket API", readError: nestedError };
  const { status, body: raw } = await getJson(ctx, `${API_URL}/user`, accessToken, call);
  const user = normalizeBitbucketUser(raw, status);
  // Without the email scope /user/emails answers 403.
  if (scopes.includes("email")) {
    user.email = primaryEmail(await getJson(ctx, `${API_URL}/user/emails`, accessToken, call));
  }
  return { user, raw };
}

function normalizeBitbucketUser(raw: unknown, status: number): NormalizedUser {
  assertJsonObject(raw, status, "the user");
  // Bitbucket dropped `username` from most answers (2019); `nickname` is always there.
  const login = readNullableString(raw, "username", status) ?? readString(raw, "nickname", status);
  const link = (name: string) => {
    const links = isJsonObject(raw.links) ? raw.links[name] : undefined;
    return isJsonObject(links) ? toHttpUrl(readNullableString(links, "href", status)) : null;
  };
  return {
    provider: "bitbucket",
    id: readString(raw, "uuid", status),
    login,
    name: readNullableString(raw, "display_name", status),
    email: null,
    avatarUrl: link("avatar"),
    profileUrl: link("html"),
  };
}

/** The primary address, and only when confirmed: an unconfirmed one proves nothing. */
function primaryEmail({ status, body }: ApiJson): string | null {
  assertJsonObject(body, status, "the email list");
  const { values } = body;
  assertJsonArray(values, status, '"values"');
  for (const entry of values) {
    assertJsonObject(entry, status, "an email entry");
    const primary = readOptionalBoolean(entry, "is_primary", status) === true;
    const confirmed = readOptionalBoolean(entry, "is_confirmed", status) === true;
    if (primary && confirmed) return readString(entry, "email", status);
  }
  return null;
}

/** The catalogue entry for {@link bitbucket}: how to make it from configuration, how to set it up. */
export const bitbucketDefinition: ProviderDefinition = {
  id: "bitbucket",
  name: "Bitbucket",
  protocol: "oauth2",
  create: (o) => Promise.resolve(bitbucket(o)),
  access: ACCESS,
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
};
