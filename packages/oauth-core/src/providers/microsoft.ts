import { restApi } from "../common-options.js";
import type { CommonProviderOptions, ProviderDefinition } from "../definition.js";
import { ArgumentError, IdTokenError } from "../errors.js";
import { oidcAccess } from "../oidc/access.js";
import type { OidcFacts } from "../oidc/hooks.js";
import { oidcProvider } from "../oidc/provider.js";
import type { JsonObject } from "../parse.js";
import type { Provider } from "../provider.js";
import { stringSetting } from "../settings.js";

const LOGIN_URL = "https://login.microsoftonline.com";
/** What the discovery documents of `common` and `organizations` state as their issuer. */
const TENANT_TEMPLATE = `${LOGIN_URL}/{tenantid}/v2.0`;
/** Personal Microsoft accounts all belong to this tenant; `consumers` states it as issuer. */
const CONSUMERS_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DEFAULT_SCOPES = ["openid", "profile", "email", "offline_access", "User.Read"];
const FACTS = {
  // Its `email` claim is whatever a tenant admin typed, verified by no one: no email rules.
  verifiedEmail: false,
  emailRules: false,
  // `preferred_username` is a UPN or an address, which another tenant can reuse.
  uniqueLogin: false,
  // Graph's versions are path segments on one host (`/v1.0/me`, `/beta/me`) that take the same
  // token, so the base stops at the host and a caller picks the version in its path.
  // `ConsistencyLevel: eventual` is what Graph's advanced queries ($count, $search) require.
  api: restApi("https://graph.microsoft.com", { requestHeaders: ["consistencylevel"] }),
} as const satisfies OidcFacts;

/**
 * Options of {@link microsoft}: the common ones (default scopes `["openid", "profile", "email",
 * "offline_access", "User.Read"]`) plus `tenant`.
 */
export interface MicrosoftOptions extends CommonProviderOptions {
  /**
   * "common" (default: work, school and personal accounts), "organizations", "consumers", or a
   * directory (tenant) ID. A tenant's domain name is refused: its document states the GUID.
   */
  tenant?: string;
}

/**
 * Microsoft Entra ID (v2.0 endpoints), by OpenID Connect discovery (the promise settles once it
 * has run). Multi-tenant id_tokens carry their own tenant's issuer: `iss` must be the template
 * with the token's `tid` put in, and the signature is still checked against Microsoft's keys.
 * User info comes from Microsoft Graph's userinfo endpoint; its API is Microsoft Graph. A
 * refresh token comes with the `offline_access` scope (a default one). Entra ID has no RFC 7009
 * endpoint, so `revokeToken` throws UnsupportedError. Its `email` is not verified: no email
 * access rules.
 *
 * @throws As {@link oidc}; an `ArgumentError` on `tenant` when it is not one of those described.
 */
export function microsoft(options: MicrosoftOptions): Promise<Provider> {
  const tenant = (options.tenant ?? "common").toLowerCase();
  const documentIssuer = documentIssuerOf(tenant);
  const scopes = options.scopes ?? DEFAULT_SCOPES;
  return oidcProvider(
    {
      ...options,
      id: "microsoft",
      name: "Microsoft",
      issuer: `${LOGIN_URL}/${tenant}/v2.0`,
      scopes,
      // Entra's own examples send the secret in the body; Basic needs it form-encoded first.
      clientAuth: "client_secret_post",
    },
    {
      documentIssuer,
      ...(documentIssuer === TENANT_TEMPLATE && { idTokenIssuer: tenantIssuer }),
      // Graph's `picture` is an API URL that needs the access token: no browser can show it.
      normalizeUser: (user) => ({ ...user, avatarUrl: null }),
    },
    { ...FACTS, refresh: scopes.includes("offline_access") ? "always" : "never" },
  );
}

function documentIssuerOf(tenant: string): string {
  if (tenant === "common" || tenant === "organizations") return TENANT_TEMPLATE;
  if (tenant === "consumers") return `${LOGIN_URL}/${CONSUMERS_TENANT}/v2.0`;
  if (GUID.test(tenant)) return `${LOGIN_URL}/${tenant}/v2.0`;
  throw new ArgumentError(
    "tenant",
    'must be "common", "organizations", "consumers" or a directory (tenant) ID',
  );
}

/** The issuer of the token's own tenant; a token without a GUID `tid` has none to expect. */
function tenantIssuer(claims: Readonly<JsonObject>): string {
  const { tid } = claims;
  if (typeof tid !== "string" || !GUID.test(tid)) {
    throw new IdTokenError("iss", 'a multi-tenant id_token needs a GUID "tid" claim');
  }
  return TENANT_TEMPLATE.replace("{tenantid}", tid);
}

/** The catalogue entry for {@link microsoft}: how to make it from configuration, how to set it up. */
export const microsoftDefinition: ProviderDefinition = {
  id: "microsoft",
  name: "Microsoft",
  protocol: "oidc",
  create: (o) => microsoft({ ...o, tenant: stringSetting(o.tenant) }),
  access: oidcAccess(FACTS),
  settings: [
    {
      option: "tenant",
      env: "TENANT",
      required: false,
      description: "common (default), organizations, consumers, or a directory (tenant) ID",
    },
  ],
  setup: {
    console: "https://entra.microsoft.com → App registrations (Web platform, with a client secret)",
    defaultScopes: ["openid", "profile", "email", "offline_access", "User.Read"],
    refresh: "always",
    revocation: false,
    pkce: true,
    notes:
      "Entra ID has no token revocation endpoint: sign-out cannot revoke. Its email claim is not verified by Microsoft: never link accounts by it. No avatar (Graph's photo needs the token).",
  },
};
