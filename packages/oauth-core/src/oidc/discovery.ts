import * as oauth from "oauth4webapi";
import { ResponseError } from "../errors.js";
import type { RequestContext } from "../http.js";
import { readOptionalBoolean, readOptionalString, readString } from "../parse.js";
import { isLoopbackHttp } from "../validate.js";
import { libraryOptions, toOAuthError } from "./support.js";

/** What the engine needs from the issuer's discovery document, checked. */
export interface OidcMetadata {
  /** The document as oauth4webapi returned it: its id_token checks and JWKS cache key on it. */
  readonly server: oauth.AuthorizationServer;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly userinfoEndpoint: string | undefined;
  readonly revocationEndpoint: string | undefined;
  /** Where the issuer's signing keys are: id_tokens' and logout tokens'. */
  readonly jwksUri: string;
  /** RP-Initiated Logout's endpoint, when the issuer has one. */
  readonly endSessionEndpoint: string | undefined;
  /** Whether the issuer says it sends back-channel logout tokens. */
  readonly backchannelLogout: boolean;
  readonly requiresIssuerParameter: boolean;
}

const WHAT = "the OpenID Connect discovery document";

/**
 * Fetches `<issuer>/.well-known/openid-configuration` and checks what the engine relies on. The
 * document must state `documentIssuer`, which is the issuer itself but for providers that state
 * another (Microsoft's multi-tenant endpoints).
 */
export async function discover(
  ctx: RequestContext,
  issuer: string,
  documentIssuer = issuer,
): Promise<OidcMetadata> {
  const issuerUrl = new URL(issuer);
  let server: oauth.AuthorizationServer;
  try {
    const response = await oauth.discoveryRequest(issuerUrl, libraryOptions(ctx, issuerUrl));
    server = await oauth.processDiscoveryResponse(new URL(documentIssuer), response);
  } catch (error) {
    throw toOAuthError(error, WHAT);
  }
  // oauth4webapi compares normalized URLs; the id_token's `iss` must be this exact string.
  if (server.issuer !== documentIssuer) {
    throw new ResponseError(`${WHAT} names another "issuer" than the configured one`, 200);
  }
  const endpoint = (key: string) => checkEndpoint(server, key, issuerUrl);
  const optionalEndpoint = (key: string) =>
    readOptionalString(server, key, 200) === undefined ? undefined : endpoint(key);
  return {
    server,
    authorizationEndpoint: endpoint("authorization_endpoint"),
    tokenEndpoint: endpoint("token_endpoint"),
    userinfoEndpoint: optionalEndpoint("userinfo_endpoint"),
    revocationEndpoint: optionalEndpoint("revocation_endpoint"),
    jwksUri: endpoint("jwks_uri"),
    // The browser is sent there with an id_token as a hint: the same rule as the others.
    endSessionEndpoint: optionalEndpoint("end_session_endpoint"),
    backchannelLogout: readOptionalBoolean(server, "backchannel_logout_supported", 200) ?? false,
    requiresIssuerParameter:
      readOptionalBoolean(server, "authorization_response_iss_parameter_supported", 200) ?? false,
  };
}

/**
 * Endpoints receive codes, secrets and tokens: https only, or http to this machine when the
 * issuer itself is a local one (the dev mock).
 */
function checkEndpoint(server: oauth.AuthorizationServer, key: string, issuer: URL): string {
  const value = readString(server, key, 200);
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const allowed =
    url?.protocol === "https:" ||
    (url !== undefined && isLoopbackHttp(url) && isLoopbackHttp(issuer));
  if (!allowed) throw new ResponseError(`"${key}" must be an https URL`, 200);
  return value;
}
