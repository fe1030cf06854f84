import { restApi } from "../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { ProviderError } from "../errors.js";
import { postForm } from "../form.js";
import type { RequestContext } from "../http.js";
import { oidcAccess } from "../oidc/access.js";
import type { OidcFacts } from "../oidc/hooks.js";
import { oidcProvider } from "../oidc/provider.js";
import { isJsonObject } from "../parse.js";
import type { Provider } from "../provider.js";
import { revocationError } from "../provider-errors.js";

const TWITCH_ISSUER = "https://id.twitch.tv/oauth2";
const REVOKE_URL = "https://id.twitch.tv/oauth2/revoke";
const DEFAULT_SCOPES = ["openid", "user:read:email"];
/** Twitch's userinfo holds only `sub` unless these are asked for (OIDC Core §5.5). */
const USERINFO_CLAIMS = {
  email: null,
  email_verified: null,
  picture: null,
  preferred_username: null,
};
const CLAIMS = JSON.stringify({ id_token: USERINFO_CLAIMS, userinfo: USERINFO_CLAIMS });
const FACTS = {
  refresh: "always",
  // `email_verified` is asked for with the address; an address without it is dropped.
  verifiedEmail: true,
  // `preferred_username` is the display name, which may differ from the login (localized).
  uniqueLogin: false,
} as const satisfies OidcFacts;

/**
 * Options of {@link twitch}: the common ones only, no provider-specific settings. Default scopes:
 * `["openid", "user:read:email"]`.
 */
export type TwitchOptions = CommonProviderOptions;

/**
 * Twitch by OpenID Connect (the promise settles once discovery has run). The user comes from
 * the OIDC userinfo endpoint, with the claims asked for in the authorization request. Token
 * answers carry `scope` as an array and errors as `{"status", "message"}`; both are made
 * standard here. Revocation: client_id and token. Its API is Helix
 * (`https://api.twitch.tv/helix`), which wants the client id in a `Client-Id` header on every
 * call besides the token.
 *
 * @throws As {@link oidc}.
 */
export function twitch(options: TwitchOptions): Promise<Provider> {
  return oidcProvider(
    {
      ...options,
      id: "twitch",
      name: "Twitch",
      issuer: TWITCH_ISSUER,
      scopes: options.scopes ?? DEFAULT_SCOPES,
      clientAuth: "client_secret_post",
    },
    {
      authorizationParams: { claims: CLAIMS },
      adaptResponse: (endpoint, status, body) =>
        endpoint === "token" ? standardTokenBody(status, body) : body,
      revokeToken: (ctx, token, client) => revokeTwitchToken(ctx, client.clientId, token),
    },
    {
      ...FACTS,
      // Helix wants the app's client id on every call besides the user's token.
      api: restApi("https://api.twitch.tv/helix", { headers: { "client-id": options.clientId } }),
    },
  );
}

function standardTokenBody(status: number, body: unknown): unknown {
  const error = twitchError(status, body);
  if (error) throw error;
  if (!isJsonObject(body) || !Array.isArray(body.scope)) return body;
  return { ...body, scope: body.scope.filter((scope) => typeof scope === "string").join(" ") };
}

/** `{"status": 400, "message": "Invalid authorization code"}` (sometimes with an `error`). */
function twitchError(status: number, body: unknown): ProviderError | undefined {
  if (status < 400 || !isJsonObject(body) || typeof body.message !== "string") return undefined;
  const error = typeof body.error === "string" && body.error !== "" ? body.error : "api_error";
  return new ProviderError({ error, errorDescription: body.message, status });
}

async function revokeTwitchToken(
  ctx: RequestContext,
  clientId: string,
  token: string,
): Promise<void> {
  const form = new URLSearchParams({ client_id: clientId, token });
  const response = await postForm(ctx, REVOKE_URL, form);
  if (response.ok) return;
  const error = revocationError(response, twitchError);
  // "Invalid token": already expired or revoked, which is what revoking wants.
  const alreadyInvalid =
    response.status === 400 &&
    error instanceof ProviderError &&
    error.errorDescription === "Invalid token";
  if (!alreadyInvalid) throw error;
}

/** The catalogue entry for {@link twitch}: how to make it from configuration, how to set it up. */
export const twitchDefinition: ProviderDefinition = {
  id: "twitch",
  name: "Twitch",
  protocol: "oidc",
  create: (o) => twitch(o),
  access: oidcAccess(FACTS),
  settings: [],
  setup: {
    console: "https://dev.twitch.tv/console/apps (a confidential client)",
    defaultScopes: ["openid", "user:read:email"],
    refresh: "always",
    revocation: true,
    pkce: true,
    notes:
      "Access tokens last about 4 hours and come with a refresh token. The email and avatar are asked for with the claims parameter.",
  },
};
