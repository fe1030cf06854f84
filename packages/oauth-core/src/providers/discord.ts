import { commonFields, oauth2Facts, restApi } from "../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { defineProvider } from "../engine.js";
import { ProviderError } from "../errors.js";
import { assertJsonObject, isJsonObject, readNullableString, readString } from "../parse.js";
import type { AccessRule, Provider } from "../provider.js";
import { userFrom } from "../rest-api.js";
import { revokeTokenRfc7009 } from "../rfc7009.js";
import type { NormalizedUser } from "../types.js";

const API_URL = "https://discord.com/api";
const CDN_URL = "https://cdn.discordapp.com";
const DEFAULT_SCOPES = ["identify", "email"];
const ACCESS: readonly AccessRule[] = ["users", "emails", "emailDomains"];

/**
 * Options of {@link discord}: the common ones only, no provider-specific settings. Default scopes:
 * `["identify", "email"]`.
 */
export type DiscordOptions = CommonProviderOptions;

/** Discord. Access tokens last a week and always come with a refresh token. */
export function discord(options: DiscordOptions): Provider {
  const { clientId, clientSecret, scopes, settings } = commonFields(options, DEFAULT_SCOPES);
  const client = { clientId, clientSecret, clientAuth: "client_secret_basic" } as const;
  return defineProvider(
    oauth2Facts({
      id: "discord",
      name: "Discord",
      clientId,
      scopes,
      endpoints: {
        authorization: "https://discord.com/oauth2/authorize",
        token: `${API_URL}/oauth2/token`,
      },
      capabilities: {
        refresh: "always",
        revoke: true,
        revokeRefresh: true,
        device: false,
        pkce: true,
        // normalizeDiscordUser keeps an address only when Discord marks it verified.
        verifiedEmail: true,
        // Usernames are unique since Discord retired the #1234 discriminators.
        uniqueLogin: true,
      },
      access: ACCESS,
      api: restApi(API_URL),
    }),
    {
      ...client,
      settings,
      fetchUser: userFrom({
        url: `${API_URL}/users/@me`,
        api: "the Discord API",
        readError: discordError,
        normalize: normalizeDiscordUser,
      }),
      // RFC 7009 with token_type_hint, as OpenID Connect providers do it.
      revokeToken: (ctx, token, tokenType) =>
        revokeTokenRfc7009(ctx, client, `${API_URL}/oauth2/token/revoke`, token, tokenType),
    },
  );
}

function normalizeDiscordUser(raw: unknown, status: number): NormalizedUser {
  assertJsonObject(raw, status, "the user");
  const id = readString(raw, "id", status);
  const avatar = readNullableString(raw, "avatar", status);
  // Discord says whether the address is verified; an unverified one proves nothing.
  const verified = raw.verified === true;
  return {
    provider: "discord",
    id,
    login: readString(raw, "username", status),
    name: readNullableString(raw, "global_name", status),
    email: verified ? readNullableString(raw, "email", status) : null,
    // Without a hash the person has Discord's default avatar, which is not theirs.
    avatarUrl: avatar
      ? `${CDN_URL}/avatars/${encodeURIComponent(id)}/${encodeURIComponent(avatar)}.png`
      : null,
    profileUrl: `https://discord.com/users/${encodeURIComponent(id)}`,
  };
}

/** Discord's API errors: `{"message": "…", "code": 50001}` (code 0 for plain HTTP errors). */
function discordError(status: number, body: unknown): ProviderError | undefined {
  if (!isJsonObject(body) || typeof body.message !== "string") return undefined;
  const { code, message } = body;
  return new ProviderError({
    error: typeof code === "number" && code !== 0 ? `discord_${code}` : "api_error",
    errorDescription: message,
    status,
  });
}

/** The catalogue entry for {@link discord}: how to make it from configuration, how to set it up. */
export const discordDefinition: ProviderDefinition = {
  id: "discord",
  name: "Discord",
  protocol: "oauth2",
  create: (o) => Promise.resolve(discord(o)),
  access: ACCESS,
  settings: [],
  setup: {
    console: "https://discord.com/developers/applications (OAuth2)",
    defaultScopes: ["identify", "email"],
    refresh: "always",
    revocation: true,
    pkce: true,
    notes: "Access tokens last 7 days. The email is used only when Discord marks it verified.",
  },
};
