import { commonFields, oauth2Facts, restApi } from "../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { defineProvider } from "../engine.js";
import { assertJsonObject, isJsonObject, readNullableString, readString } from "../parse.js";
import type { AccessRule, Provider } from "../provider.js";
import { nestedError } from "../provider-errors.js";
import { userFrom } from "../rest-api.js";
import { toHttpUrl } from "../text.js";
import type { NormalizedUser } from "../types.js";

const ACCOUNTS_URL = "https://accounts.spotify.com";
const API_URL = "https://api.spotify.com/v1";
const DEFAULT_SCOPES = ["user-read-email", "user-read-private"];
/** Spotify does not verify addresses, so only people can be listed. */
const ACCESS: readonly AccessRule[] = ["users"];

/**
 * Options of {@link spotify}: the common ones only, no provider-specific settings. Default scopes:
 * `["user-read-email", "user-read-private"]`.
 */
export type SpotifyOptions = CommonProviderOptions;

/**
 * Spotify. Access tokens last an hour and always come with a refresh token (a refresh may
 * leave a new one out: keep the old one then). Spotify has no revocation endpoint, so
 * `revokeToken` is an UnsupportedError. Token errors are RFC 6749's; Web API errors nest:
 * `{"error": {"status": 401, "message": "…"}}`.
 */
export function spotify(options: SpotifyOptions): Provider {
  const { clientId, clientSecret, scopes, settings } = commonFields(options, DEFAULT_SCOPES);
  return defineProvider(
    oauth2Facts({
      id: "spotify",
      name: "Spotify",
      clientId,
      scopes,
      endpoints: {
        authorization: `${ACCOUNTS_URL}/authorize`,
        token: `${ACCOUNTS_URL}/api/token`,
      },
      capabilities: {
        refresh: "always",
        revoke: false,
        revokeRefresh: false,
        device: false,
        pkce: true,
        verifiedEmail: false,
        // The login is the Spotify user name (the id), one per account.
        uniqueLogin: true,
      },
      access: ACCESS,
      // The Web API documents conditional requests: ETag answers, 304 to If-None-Match.
      api: restApi(API_URL, { etags: true }),
    }),
    {
      clientSecret,
      clientAuth: "client_secret_basic",
      settings,
      fetchUser: userFrom({
        url: `${API_URL}/me`,
        api: "the Spotify Web API",
        readError: nestedError,
        normalize: normalizeSpotifyUser,
      }),
    },
  );
}

function normalizeSpotifyUser(raw: unknown, status: number): NormalizedUser {
  assertJsonObject(raw, status, "the user");
  const [image] = Array.isArray(raw.images) ? raw.images : [];
  const urls = raw.external_urls;
  return {
    provider: "spotify",
    id: readString(raw, "id", status),
    // The id is the Spotify user name.
    login: readString(raw, "id", status),
    name: readNullableString(raw, "display_name", status),
    // Spotify documents the address as unverified ("no proof that it actually belongs to the
    // user"), so it proves nothing; it stays in `raw` for those who want it anyway.
    email: null,
    avatarUrl: isJsonObject(image) ? toHttpUrl(readNullableString(image, "url", status)) : null,
    profileUrl: isJsonObject(urls) ? toHttpUrl(readNullableString(urls, "spotify", status)) : null,
  };
}

/** The catalogue entry for {@link spotify}: how to make it from configuration, how to set it up. */
export const spotifyDefinition: ProviderDefinition = {
  id: "spotify",
  name: "Spotify",
  protocol: "oauth2",
  create: (o) => Promise.resolve(spotify(o)),
  access: ACCESS,
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
};
