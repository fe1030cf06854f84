import type { ProviderDefinition } from "../definition.js";
import { oidcAccess } from "../oidc/access.js";
import { type OidcOptions, oidcProvider } from "../oidc/provider.js";
import type { Provider } from "../provider.js";
import { stringSetting } from "../settings.js";

export type { OidcOptions } from "../oidc/provider.js";

/**
 * Any OpenID Connect provider, configured from its discovery document: the promise settles
 * once discovery has run, with a provider whose endpoints are all known. The document's
 * `issuer` must equal `issuer` exactly and its endpoints must be https (http only when the
 * issuer itself is on loopback). Make the provider once and reuse it; when discovery fails,
 * call `oidc()` again later.
 *
 * Every login gets S256 PKCE and a `nonce`; {@link exchangeCode} requires that nonce and
 * validates the id_token (with oauth4webapi: signature against the issuer's JWKS, `alg`, `iss`,
 * `aud`, `azp`, `exp` with 30 s of clock tolerance, `iat`, `sub`, `nonce`). User info comes
 * from the discovered `userinfo_endpoint` (email dropped when `email_verified` is false);
 * revocation uses the discovered `revocation_endpoint` (RFC 7009), when there is one.
 *
 * @throws {@link ArgumentError} at once (not in the promise) when `issuer` is not as described,
 * `clientId`, `clientSecret` or `id` is empty, a scope is invalid, `scopes` lacks `"openid"`, or
 * `timeout` is not positive.
 * @throws In the promise: {@link ResponseError} when the discovery document is invalid or
 * names another issuer; {@link NetworkError} or {@link TimeoutError} when it cannot be fetched.
 */
export function oidc(options: OidcOptions): Promise<Provider> {
  return oidcProvider(options);
}

/** The catalogue entry for {@link oidc}: how to make it from configuration, how to set it up. */
export const oidcDefinition: ProviderDefinition = {
  id: "oidc",
  name: "OpenID Connect",
  protocol: "oidc",
  create: (o) =>
    oidc({
      ...o,
      issuer: String(o.issuer),
      ...(stringSetting(o.name) && { name: String(o.name) }),
    }),
  access: oidcAccess(),
  settings: [
    {
      option: "issuer",
      env: "ISSUER",
      required: true,
      description: "the issuer URL (its /.well-known/openid-configuration is read)",
    },
    {
      option: "name",
      env: "NAME",
      required: false,
      description: 'shown as "Sign in with <NAME>"',
    },
  ],
  setup: {
    console: "your identity provider's admin console",
    defaultScopes: ["openid", "profile", "email"],
    refresh: "on request",
    revocation: true,
    pkce: true,
    notes:
      "Any OpenID Connect provider by discovery; revocation when it advertises a revocation_endpoint. Email rules admit an address only when its email_verified claim is true.",
  },
};
