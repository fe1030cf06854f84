import { type HttpHandler, HttpResponse, http } from "msw";
import type { MockContext } from "../context.js";
import { OIDC_CLAIMS, OIDC_SCOPES } from "./claims.js";

const CACHEABLE = { "cache-control": "public, max-age=3600" };

/** The discovery document (OpenID Connect Discovery 1.0 §3, RFC 8414), issuer exactly `<baseUrl>/oidc`. */
export function discoveryDocument(context: MockContext): Record<string, unknown> {
  const { issuer } = context.oidc;
  const clientAuth = ["client_secret_basic", "client_secret_post"];
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    revocation_endpoint: `${issuer}/revoke`,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: [...OIDC_SCOPES],
    token_endpoint_auth_methods_supported: clientAuth,
    revocation_endpoint_auth_methods_supported: clientAuth,
    code_challenge_methods_supported: ["S256"],
    claims_supported: [...OIDC_CLAIMS],
    authorization_response_iss_parameter_supported: true,
  };
}

export function oidcDiscoveryHandlers(context: MockContext): HttpHandler[] {
  const { issuer, keys } = context.oidc;
  return [
    http.get(`${issuer}/.well-known/openid-configuration`, () =>
      HttpResponse.json(discoveryDocument(context), { headers: CACHEABLE }),
    ),
    http.get(`${issuer}/jwks`, async () =>
      HttpResponse.json(await keys.jwks(), { headers: CACHEABLE }),
    ),
  ];
}
