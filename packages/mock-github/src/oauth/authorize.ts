import type { HttpHandler } from "msw";
import { findAccount, type MockContext } from "../context.js";
import { authorizePage } from "./authorize-page.js";
import { redirect, validateAuthorize } from "./authorize-request.js";
import { consentRoutes } from "./consent-routes.js";
import { errorPage } from "./html.js";

const ACCESS_DENIED_URI =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#access-denied";

export function authorizeHandlers(context: MockContext): HttpHandler[] {
  return consentRoutes(`${context.baseUrl}/login/oauth/authorize`, {
    validate: (params) => validateAuthorize(context, params),
    page: (request) => authorizePage(context, request),
    decide(request, form) {
      const { client, redirectUri, scopes, state, codeChallenge } = request;
      const location = new URL(redirectUri);
      if (form.has("cancel")) {
        location.searchParams.set("error", "access_denied");
        location.searchParams.set(
          "error_description",
          "The user has denied your application access.",
        );
        location.searchParams.set("error_uri", ACCESS_DENIED_URI);
      } else {
        const account = findAccount(context, form.get("login") ?? "");
        if (!account)
          return errorPage(
            400,
            "Unknown account",
            "Choose one of the accounts offered on the page.",
          );
        const code = context.state.createCode({
          clientId: client.clientId,
          login: account.login,
          scopes,
          redirectUri,
          codeChallenge,
        });
        location.searchParams.set("code", code);
      }
      // Omitted, not empty, when the app sent none: clients tell the two apart.
      if (state !== undefined) location.searchParams.set("state", state);
      return redirect(location.href);
    },
  });
}
