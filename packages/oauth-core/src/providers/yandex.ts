import { type ClientCredentials, postFormAsClient } from "../client-auth.js";
import { commonFields, oauth2Facts, restApi } from "../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { defineProvider } from "../engine.js";
import { ProviderError, UnsupportedError } from "../errors.js";
import type { RequestContext } from "../http.js";
import { assertJsonObject, readId, readNullableString, readString } from "../parse.js";
import type { AccessRule, Provider } from "../provider.js";
import { revocationError } from "../provider-errors.js";
import { userFrom } from "../rest-api.js";
import type { NormalizedUser } from "../types.js";

const OAUTH_URL = "https://oauth.yandex.com";
/** Yandex ID's API, where the user is read; other Yandex APIs (Disk…) have hosts of their own. */
const API_URL = "https://login.yandex.ru";
const INFO_URL = `${API_URL}/info?format=json`;
const AVATAR_URL = "https://avatars.yandex.net/get-yapic";
const AVATAR_ID = /^[\w-]+(\/[\w-]+)*$/;
/** Each must also be ticked for the app at oauth.yandex.com, or Yandex refuses the request. */
const DEFAULT_SCOPES = ["login:info", "login:email", "login:avatar"];
const ACCESS: readonly AccessRule[] = ["users"];

/**
 * Options of {@link yandex}: the common ones only, no provider-specific settings. Default scopes:
 * `["login:info", "login:email", "login:avatar"]`; each must also be ticked for the app at
 * oauth.yandex.com.
 */
export type YandexOptions = CommonProviderOptions;

/** Yandex ID. Tokens last about a year and always come with a refresh token. */
export function yandex(options: YandexOptions): Provider {
  const { clientId, clientSecret, scopes, settings } = commonFields(options, DEFAULT_SCOPES);
  const client = { clientId, clientSecret, clientAuth: "client_secret_basic" } as const;
  return defineProvider(
    oauth2Facts({
      id: "yandex",
      name: "Yandex",
      clientId,
      scopes,
      endpoints: { authorization: `${OAUTH_URL}/authorize`, token: `${OAUTH_URL}/token` },
      capabilities: {
        refresh: "always",
        // Yandex revokes only tokens issued for a device, which these are not.
        revoke: false,
        revokeRefresh: false,
        device: false,
        pkce: true,
        // Yandex does not say whether default_email was confirmed.
        verifiedEmail: false,
        // The Yandex login names one account.
        uniqueLogin: true,
      },
      access: ACCESS,
      // Yandex APIs take the token with their own scheme: `Authorization: OAuth <token>`.
      api: restApi(API_URL, { scheme: "OAuth" }),
    }),
    {
      ...client,
      settings,
      fetchUser: userFrom({
        url: INFO_URL,
        api: "Yandex ID",
        scheme: "OAuth",
        normalize: normalizeYandexUser,
      }),
      // Asked all the same: Yandex, not this file, decides which tokens it revokes.
      revokeToken: (ctx, token) => revokeYandexToken(ctx, client, token),
    },
  );
}

function normalizeYandexUser(raw: unknown, status: number): NormalizedUser {
  assertJsonObject(raw, status, "the user");
  // Ids look like "131652443" or "21493/enc-…": a path, so checked rather than escaped.
  const avatarId = readNullableString(raw, "default_avatar_id", status);
  const safeId = avatarId !== null && AVATAR_ID.test(avatarId) ? avatarId : null;
  const noAvatar = raw.is_avatar_empty === true;
  return {
    provider: "yandex",
    id: readId(raw, "id", status),
    login: readString(raw, "login", status),
    name:
      readNullableString(raw, "real_name", status) ??
      readNullableString(raw, "display_name", status),
    email: readNullableString(raw, "default_email", status),
    avatarUrl: safeId && !noAvatar ? `${AVATAR_URL}/${safeId}/islands-200` : null,
    profileUrl: null,
  };
}

/**
 * POST /revoke_token with `access_token` (not RFC 7009's `token`), authenticated as the app.
 * Yandex revokes only tokens issued for a device (`device_id`); of an ordinary token it says
 * `unsupported_token_type`, and the token stays valid until it expires.
 */
async function revokeYandexToken(
  ctx: RequestContext,
  client: ClientCredentials,
  token: string,
): Promise<void> {
  const body = new URLSearchParams({ access_token: token });
  const response = await postFormAsClient(ctx, client, `${OAUTH_URL}/revoke_token`, body);
  if (response.ok) return;
  const error = revocationError(response);
  if (error instanceof ProviderError && error.error === "unsupported_token_type") {
    throw new UnsupportedError("Yandex revokes only tokens issued for a device");
  }
  throw error;
}

/** The catalogue entry for {@link yandex}: how to make it from configuration, how to set it up. */
export const yandexDefinition: ProviderDefinition = {
  id: "yandex",
  name: "Yandex",
  protocol: "oauth2",
  create: (o) => Promise.resolve(yandex(o)),
  access: ACCESS,
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
};
