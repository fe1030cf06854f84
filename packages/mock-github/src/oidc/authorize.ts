import type { HttpHandler } from "msw";
import { findAccount, type MockContext } from "../context.js";
import { isHttpUrl, redirect, S256_CHALLENGE } from "../oauth/authorize-request.js";
import { consentPage, pathOf } from "../oauth/consent-page.js";
import { consentRoutes, type Validated } from "../oauth/consent-routes.js";
import { errorPage, escapeHtml } from "../oauth/html.js";
import { OIDC_SCOPES } from "./claims.js";
import type { MockOidcClient } from "./types.js";

/** Who the provider plays in development; the sign-in button says "Sign in with Google". */
export const OIDC_PROVIDER_NAME = "Google";
const SITE = `${OIDC_PROVIDER_NAME} (mock)`;

// Google's wording on its consent screen.
const SCOPE_LABELS: Record<string, string> = {
  openid: `Associate you with your personal info on ${OIDC_PROVIDER_NAME}`,
  profile: "See your personal info, including any personal info you've made publicly available",
  email: `See your primary ${OIDC_PROVIDER_NAME} Account email address`,
};

interface OidcAuthorizeRequest {
  client: MockOidcClient;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  loginHint: string | undefined;
}

/**
 * Back to the client with `fields`, the `state` it sent and, per RFC 9207, `iss`, so it can
 * tell which provider answered (the mix-up defence).
 */
function backToClient(
  context: MockContext,
  redirectUri: string,
  state: string | undefined,
  fields: Record<string, string>,
): Response {
  const location = new URL(redirectUri);
  for (const [name, value] of Object.entries(fields)) location.searchParams.set(name, value);
  if (state !== undefined) location.searchParams.set("state", state);
  location.searchParams.set("iss", context.oidc.issuer);
  return redirect(location.href);
}

/**
 * Checks an authorization request like a strict provider, for the page and again for the
 * decision. Until client and redirect URI are known good, problems are pages (RFC 6749
 * §4.1.2.1: never redirect to an unchecked URI); after that they go back to the client.
 */
function validate(context: MockContext, params: URLSearchParams): Validated<OidcAuthorizeRequest> {
  const page = (status: number, heading: string, message: string) => ({
    ok: false as const,
    response: errorPage(status, heading, message, SITE),
  });
  const repeated = [...params.keys()].find((name) => params.getAll(name).length > 1);
  if (repeated !== undefined) return page(400, "Invalid request", `"${repeated}" is repeated.`);
  const client = context.oidc.clients.get(params.get("client_id") ?? "");
  if (!client) return page(401, "invalid_client", "The OAuth client was not found.");
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!isHttpUrl(redirectUri)) {
    return page(
      400,
      "invalid_request",
      "redirect_uri must be an absolute http(s) URL without a fragment.",
    );
  }
  if (client.redirectUris && !client.redirectUris.includes(redirectUri)) {
    return page(
      400,
      "redirect_uri_mismatch",
      "The redirect_uri is not one registered for this client.",
    );
  }
  const state = params.get("state") ?? undefined;
  const fail = (error: string, description: string) => ({
    ok: false as const,
    response: backToClient(context, redirectUri, state, {
      error,
      error_description: description,
    }),
  });
  const responseType = params.get("response_type");
  if (responseType === null) return fail("invalid_request", "response_type is required.");
  if (responseType !== "code") {
    return fail("unsupported_response_type", "Only response_type=code is supported.");
  }
  const scopes = [...new Set((params.get("scope") ?? "").split(" ").filter(Boolean))];
  if (!scopes.includes("openid")) return fail("invalid_scope", 'The scope must include "openid".');
  const unknown = scopes.find((scope) => !(OIDC_SCOPES as readonly string[]).includes(scope));
  if (unknown !== undefined) return fail("invalid_scope", `Unknown scope "${unknown}".`);
  const codeChallenge = params.get("code_challenge") ?? undefined;
  const method = params.get("code_challenge_method");
  if (codeChallenge === undefined && method !== null) {
    return fail("invalid_request", "code_challenge_method needs a code_challenge.");
  }
  if (codeChallenge !== undefined && method !== "S256") {
    return fail("invalid_request", "Only code_challenge_method=S256 is supported.");
  }
  if (codeChallenge !== undefined && !S256_CHALLENGE.test(codeChallenge)) {
    return fail("invalid_request", "The code_challenge must be 43 base64url characters.");
  }
  return {
    ok: true,
    request: {
      client,
      redirectUri,
      scopes,
      state,
      nonce: params.get("nonce") ?? undefined,
      codeChallenge,
      loginHint: params.get("login_hint") ?? undefined,
    },
  };
}

function signInPage(context: MockContext, request: OidcAuthorizeRequest): Response {
  const appName = escapeHtml(request.client.name ?? request.client.clientId);
  return consentPage(context, {
    title: `Sign in – ${SITE}`,
    heading: `Sign in with ${OIDC_PROVIDER_NAME}`,
    intro: `Choose an account to continue to <strong>${appName}</strong>.`,
    permissions: request.scopes.map((scope) => escapeHtml(SCOPE_LABELS[scope] ?? scope)),
    action: `${pathOf(context.oidc.issuer)}/authorize`,
    fields: {
      client_id: request.client.clientId,
      redirect_uri: request.redirectUri,
      response_type: "code",
      scope: request.scopes.join(" "),
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: request.codeChallenge === undefined ? undefined : "S256",
    },
    redirectUri: request.redirectUri,
    suggested: request.loginHint,
    // The footnote already says "a mock": the name alone, not "a mock Google (mock)".
    site: OIDC_PROVIDER_NAME,
  });
}

export function oidcAuthorizeHandlers(context: MockContext): HttpHandler[] {
  return consentRoutes(`${context.oidc.issuer}/authorize`, {
    site: SITE,
    validate: (params) => validate(context, params),
    page: (request) => signInPage(context, request),
    decide(request, form) {
      const { client, redirectUri, state, scopes, nonce, codeChallenge } = request;
      if (form.has("cancel")) {
        return backToClient(context, redirectUri, state, {
          error: "access_denied",
          error_description: "The user denied the request.",
        });
      }
      const account = findAccount(context, form.get("login") ?? "");
      if (!account) {
        return errorPage(
          400,
          "Unknown account",
          "Choose one of the accounts offered on the page.",
          SITE,
        );
      }
      const code = context.oidc.store.createCode({
        clientId: client.clientId,
        login: account.login,
        scopes,
        redirectUri,
        codeChallenge,
        nonce,
      });
      return backToClient(context, redirectUri, state, { code });
    },
  });
}
