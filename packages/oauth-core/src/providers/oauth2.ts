import { commonFields, oauth2Facts } from "../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { defineProvider } from "../engine.js";
import { ResponseError } from "../errors.js";
import type { RequestContext } from "../http.js";
import { getUserInfo } from "../oidc/userinfo.js";
import { assertJsonObject, type JsonObject, readId } from "../parse.js";
import type {
  AccessRule,
  ClientAuthMethod,
  Provider,
  ProviderApi,
  TokenType,
} from "../provider.js";
import { revokeTokenRfc7009 } from "../rfc7009.js";
import { assertEndpoint, booleanSetting, clientAuthSetting, stringSetting } from "../settings.js";
import { toHttpUrl } from "../text.js";
import type { NormalizedUser } from "../types.js";
import { assertNonEmptyString, trimTrailingSlashes } from "../validate.js";

/** Nothing says the server verifies addresses, so only people can be listed. */
const ACCESS: readonly AccessRule[] = ["users"];

/**
 * Options of {@link oauth2}: the common ones (no default scopes) plus the endpoints. Every
 * endpoint must be an https URL without a fragment (http only on `localhost`, `127.0.0.1` or
 * `[::1]`).
 */
export interface OAuth2Options extends CommonProviderOptions {
  /** Default "oauth2"; also `NormalizedUser.provider`. */
  id?: string;
  /** Shown as "Sign in with …"; default "OAuth 2.0". */
  name?: string;
  /** The authorization endpoint, where the browser is sent. */
  authorizationUrl: string;
  /** The token endpoint (code exchange and refresh, RFC 6749 §3.2). */
  tokenUrl: string;
  /**
   * Answers the user as JSON to `Authorization: Bearer <token>`; read as `sub`/`id`,
   * `preferred_username`/`login`/`username`, `name`, `email` (dropped when `email_verified` is
   * false), `picture`/`avatar_url` and `profile`/`html_url`.
   */
  userinfoUrl: string;
  /** RFC 7009; without it `revokeToken` throws UnsupportedError. */
  revocationUrl?: string | undefined;
  /**
   * The base URL of the REST API the access token is for (`Provider.api`, called with
   * `Authorization: Bearer`); without it the provider has no API.
   */
  apiUrl?: string | undefined;
  /** Default true: S256 PKCE. Turn it off only for a server that refuses it. */
  pkce?: boolean;
  /** Default "client_secret_basic". */
  clientAuth?: ClientAuthMethod;
}

/**
 * Plain OAuth 2.0 with configured endpoints, for a provider without OpenID Connect: no
 * id_token, no nonce, no issuer (so no `iss` check). Token answers are read per RFC 6749 §5.
 *
 * @throws {@link ArgumentError} when `clientId`, `clientSecret` or `id` is empty, an endpoint is
 * not as described, `clientAuth` is unknown, a scope is invalid or `timeout` is not positive.
 */
export function oauth2(options: OAuth2Options): Provider {
  const { id = "oauth2", name = "OAuth 2.0" } = options;
  const clientAuth = clientAuthSetting(options.clientAuth, "clientAuth") ?? "client_secret_basic";
  const { clientId, clientSecret, scopes, settings } = commonFields(options, []);
  assertNonEmptyString(id, "id");
  for (const key of ["authorizationUrl", "tokenUrl", "userinfoUrl"] as const) {
    assertEndpoint(options[key], key);
  }
  const { userinfoUrl, revocationUrl, apiUrl } = options;
  if (revocationUrl !== undefined) assertEndpoint(revocationUrl, "revocationUrl");
  if (apiUrl !== undefined) assertEndpoint(apiUrl, "apiUrl");
  const client = { clientId, clientSecret, clientAuth };

  return defineProvider(
    oauth2Facts({
      id,
      name,
      clientId,
      scopes,
      endpoints: { authorization: options.authorizationUrl, token: options.tokenUrl },
      capabilities: {
        refresh: "on request",
        revoke: revocationUrl !== undefined,
        revokeRefresh: revocationUrl !== undefined,
        device: false,
        pkce: options.pkce ?? true,
        verifiedEmail: false,
        // Read from whichever claim the server sends, the login may be a display name.
        uniqueLogin: false,
      },
      access: ACCESS,
      api: apiUrl === undefined ? undefined : bearerApi(trimTrailingSlashes(apiUrl)),
    }),
    {
      ...client,
      settings,
      fetchUser: async (ctx, accessToken) => {
        const { status, body } = await getUserInfo(ctx, userinfoUrl, accessToken);
        return { user: normalizeOAuth2User(id, body, status), raw: body };
      },
      ...(revocationUrl !== undefined && {
        revokeToken: (ctx: RequestContext, token: string, tokenType: TokenType) =>
          revokeTokenRfc7009(ctx, client, revocationUrl, token, tokenType),
      }),
    },
  );
}

function bearerApi(baseUrl: string): ProviderApi {
  return { baseUrl, scheme: "Bearer", headers: {}, requestHeaders: [], etags: false };
}

/** The first of `keys` holding a non-empty string; other types are ignored, not trusted. */
function first(raw: JsonObject, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = raw[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return null;
}

/** The claim names most providers use, OpenID Connect's first, then GitHub-like ones. */
function normalizeOAuth2User(provider: string, raw: unknown, status: number): NormalizedUser {
  assertJsonObject(raw, status, "the user info");
  const key = raw.sub !== undefined && raw.sub !== null ? "sub" : "id";
  if (raw[key] === undefined || raw[key] === null) {
    throw new ResponseError('the user info has no "sub" or "id"', status);
  }
  const id = readId(raw, key, status);
  // An address the provider says it has not verified proves nothing about who this is.
  const email = raw.email_verified === false ? null : first(raw, ["email"]);
  return {
    provider,
    id,
    login: first(raw, ["preferred_username", "login", "username"]) ?? email ?? id,
    name: first(raw, ["name"]),
    email,
    avatarUrl: toHttpUrl(first(raw, ["picture", "avatar_url"])),
    profileUrl: toHttpUrl(first(raw, ["profile", "html_url"])),
  };
}

/** The catalogue entry for {@link oauth2}: how to make it from configuration, how to set it up. */
export const oauth2Definition: ProviderDefinition = {
  id: "oauth2",
  name: "OAuth 2.0",
  protocol: "oauth2",
  access: ACCESS,
  create: (o) =>
    Promise.resolve(
      oauth2({
        ...o,
        name: stringSetting(o.name),
        authorizationUrl: String(o.authorizationUrl),
        tokenUrl: String(o.tokenUrl),
        userinfoUrl: String(o.userinfoUrl),
        revocationUrl: stringSetting(o.revocationUrl),
        apiUrl: stringSetting(o.apiUrl),
        pkce: booleanSetting(o.pkce, "pkce"),
        clientAuth: clientAuthSetting(o.clientAuth, "clientAuth"),
      }),
    ),
  settings: [
    {
      option: "authorizationUrl",
      env: "AUTHORIZATION_URL",
      required: true,
      description: "the authorization endpoint",
    },
    { option: "tokenUrl", env: "TOKEN_URL", required: true, description: "the token endpoint" },
    {
      option: "userinfoUrl",
      env: "USERINFO_URL",
      required: true,
      description: "answers the user as JSON to the bearer token",
    },
    {
      option: "revocationUrl",
      env: "REVOCATION_URL",
      required: false,
      description: "an RFC 7009 revocation endpoint",
    },
    {
      option: "apiUrl",
      env: "API_URL",
      required: false,
      description: "the REST API the access token is for (called with Bearer)",
    },
    {
      option: "name",
      env: "NAME",
      required: false,
      description: 'shown as "Sign in with <NAME>"',
    },
    { option: "pkce", env: "PKCE", required: false, description: '"true" (default) or "false"' },
    {
      option: "clientAuth",
      env: "CLIENT_AUTH",
      required: false,
      description: "client_secret_basic (default) or client_secret_post",
    },
  ],
  setup: {
    console: "your provider's developer console",
    defaultScopes: [],
    refresh: "on request",
    revocation: false,
    pkce: true,
    notes:
      "Any OAuth 2.0 server without OpenID Connect. The user is read from sub/id, preferred_username/login/username, name, email, picture/avatar_url and profile/html_url. Revocation only with REVOCATION_URL; an API (for the gateway to call with the token) only with API_URL.",
  },
};
