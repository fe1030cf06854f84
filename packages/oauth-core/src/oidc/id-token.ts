import * as oauth from "oauth4webapi";
import type { TokenChecks } from "../engine.js";
import { IdTokenError, UnsupportedError } from "../errors.js";
import type { HttpResponse, RequestContext } from "../http.js";
import { assertJsonObject } from "../parse.js";
import { parseTokenResponse } from "../token-response.js";
import type { TokenSet } from "../types.js";
import type { OidcMetadata } from "./discovery.js";
import { CLOCK_TOLERANCE, libraryOptions, toOAuthError, toWebResponse } from "./support.js";

/**
 * Parses a token response like any other, then has oauth4webapi validate its id_token: claims
 * (`iss`, `aud`, `azp`, `exp`, `iat`, `sub`, `nonce`) and the signature against the issuer's
 * JWKS. Nothing here reads a JWT by hand.
 */
export async function processOidcTokenResponse(
  ctx: RequestContext,
  metadata: OidcMetadata,
  clientId: string,
  response: HttpResponse,
  checks: TokenChecks,
): Promise<TokenSet> {
  if (checks.grant === "device_code") {
    // capabilities.device is false for these providers; the grant's id_token checks are unwritten.
    throw new UnsupportedError("an id_token from the device authorization grant is not checked");
  }
  const body = response.json();
  const tokens = parseTokenResponse(response.status, body);
  assertJsonObject(body, response.status);
  const idToken = body.id_token;
  if (typeof idToken !== "string" || idToken === "") {
    // A refresh may leave the id_token out (OIDC Core §12.2); a code exchange must not.
    if (checks.grant === "refresh_token") return tokens;
    throw new IdTokenError("missing", "the token response has no id_token");
  }
  const { server } = metadata;
  const client: oauth.Client = { client_id: clientId, [oauth.clockTolerance]: CLOCK_TOLERANCE };
  const webResponse = toWebResponse(response);
  try {
    const result =
      checks.grant === "authorization_code"
        ? await oauth.processAuthorizationCodeResponse(server, client, webResponse, {
            expectedNonce: checks.nonce ?? oauth.expectNoNonce,
            requireIdToken: true,
          })
        : await oauth.processRefreshTokenResponse(server, client, webResponse);
    // Claims first, then the signature: it needs the JWKS, fetched (and cached) by oauth4webapi.
    await oauth.validateApplicationLevelSignature(
      server,
      webResponse,
      libraryOptions(ctx, new URL(server.issuer)),
    );
    const claims = oauth.getValidatedIdTokenClaims(result);
    return { ...tokens, idToken, idTokenClaims: { ...claims } };
  } catch (error) {
    throw toOAuthError(error, "the token response", true);
  }
}
