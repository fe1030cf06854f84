import type { ClientCredentials } from "../client-auth.js";
import { restApi } from "../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { ProviderError, UnsupportedError } from "../errors.js";
import type { RequestContext } from "../http.js";
import { oidcProvider } from "../oidc/provider.js";
import type { Provider, TokenType } from "../provider.js";
import { revokeTokenRfc7009 } from "../rfc7009.js";
import { booleanSetting, stringSetting } from "../settings.js";
import { assertHttpUrl, trimTrailingSlashes } from "../validate.js";

const GOOGLE_ISSUER = "https://accounts.google.com";
/** Google documents both forms as the `iss` of its id_tokens. */
const GOOGLE_ISSUER_WITHOUT_SCHEME = "accounts.google.com";
const DEFAULT_SCOPES = ["openid", "email", "profile"];
const GOOGLE_API_URL = "https://www.googleapis.com";

/**
 * Options of {@link google}: the common ones (default scopes `["openid", "email", "profile"]`)
 * plus `issuer` and `offline`.
 */
export interface GoogleOptions extends CommonProviderOptions {
  /** Default "https://accounts.google.com"; another issuer (the dev mock) can stand in. */
  issuer?: string;
  /**
   * Ask for a refresh token: `access_type=offline`, with `prompt=consent` because Google sends
   * one only when the person consents, not on later sign-ins. Default false: no refresh token.
   */
  offline?: boolean;
  /** Google APIs' base; default "https://www.googleapis.com" (another one: the dev mock). */
  apiUrl?: string;
}

/**
 * Google by OpenID Connect discovery (the promise settles once it has run): PKCE, nonce, RFC
 * 7009 revocation at the discovered endpoint. `email` only when Google says it is verified;
 * `login` is its local part. Its API is Google APIs (`https://www.googleapis.com`), for the
 * scopes the app asks for.
 *
 * @throws As {@link oidc}.
 */
export function google(options: GoogleOptions): Promise<Provider> {
  const issuer = options.issuer ?? GOOGLE_ISSUER;
  const apiUrl = trimTrailingSlashes(options.apiUrl ?? GOOGLE_API_URL);
  assertHttpUrl(apiUrl, "apiUrl");
  return oidcProvider(
    {
      ...options,
      id: "google",
      name: "Google",
      issuer,
      scopes: options.scopes ?? DEFAULT_SCOPES,
    },
    {
      ...(options.offline && {
        authorizationParams: { access_type: "offline", prompt: "consent" },
      }),
      ...(issuer === GOOGLE_ISSUER && {
        idTokenIssuer: ({ iss }, documentIssuer) =>
          iss === GOOGLE_ISSUER_WITHOUT_SCHEME ? iss : documentIssuer,
      }),
      normalizeUser: (user) => ({ ...user, login: localPart(user.email) ?? user.id }),
      revokeToken: revokeGoogleToken,
      // RFC 7009 at Google's endpoint: a refresh token revoked ends the grant.
      revokesRefreshTokens: true,
    },
    {
      api: restApi(apiUrl, { etags: true }),
      refresh: options.offline ? "always" : "never",
      verifiedEmail: true,
    },
  );
}

function localPart(email: string | null): string | null {
  const at = email?.lastIndexOf("@") ?? -1;
  return email && at > 0 ? email.slice(0, at) : null;
}

async function revokeGoogleToken(
  ctx: RequestContext,
  token: string,
  client: ClientCredentials,
  endpoint: string | undefined,
  tokenType: TokenType,
): Promise<void> {
  if (!endpoint) throw new UnsupportedError("Google's discovery lists no revocation_endpoint");
  try {
    await revokeTokenRfc7009(ctx, client, endpoint, token, tokenType);
  } catch (error) {
    // Google answers 400 invalid_token for a token already expired or revoked: it is unusable,
    // which is what revoking wants.
    if (error instanceof ProviderError && error.error === "invalid_token") return;
    throw error;
  }
}

/** The catalogue entry for {@link google}: how to make it from configuration, how to set it up. */
export const googleDefinition: ProviderDefinition = {
  id: "google",
  name: "Google",
  protocol: "oidc",
  create: (o) =>
    google({
      ...o,
      issuer: stringSetting(o.issuer),
      apiUrl: stringSetting(o.apiUrl),
      offline: booleanSetting(o.offline, "offline"),
    }),
  access: ["users", "emails", "emailDomains", "groups"],
  settings: [
    {
      option: "issuer",
      env: "ISSUER",
      required: false,
      description: "default https://accounts.google.com; another issuer (the dev mock) stands in",
    },
    {
      option: "apiUrl",
      env: "API_URL",
      required: false,
      description: "Google APIs' base; default https://www.googleapis.com",
    },
    {
      option: "offline",
      env: "OFFLINE",
      required: false,
      description: '"true" asks for a refresh token (access_type=offline, prompt=consent)',
    },
  ],
  setup: {
    console: "https://console.cloud.google.com/apis/credentials (OAuth client ID, Web application)",
    defaultScopes: ["openid", "email", "profile"],
    refresh: "on request",
    revocation: true,
    pkce: true,
    notes:
      "A refresh token comes only with OFFLINE=true, which also makes Google ask for consent at every sign-in. The email is used only when Google marks it verified.",
  },
};
