import { type HttpHandler, http } from "msw";
import { findAccount, type MockContext } from "../context.js";
import { authorizePage } from "./authorize-page.js";
import { redirect, validateAuthorize } from "./authorize-request.js";
import { errorPage } from "./html.js";

const ACCESS_DENIED_URI =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#access-denied";

async function formBody(request: Request): Promise<URLSearchParams | undefined> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) return undefined;
  return new URLSearchParams(await request.text());
}

export function authorizeHandlers(context: MockContext): HttpHandler[] {
  const path = `${context.baseUrl}/login/oauth/authorize`;
  return [
    http.get(path, ({ request }) => {
      const checked = validateAuthorize(context, new URL(request.url).searchParams);
      return checked.ok ? authorizePage(context, checked.request) : checked.response;
    }),

    // The consent form's decision. Everything is checked again: the fields came back from the browser.
    http.post(path, async ({ request }) => {
      const form = await formBody(request);
      if (!form) {
        return errorPage(
          415,
          "Unsupported Media Type",
          "Submit the authorization form as application/x-www-form-urlencoded.",
        );
      }
      const checked = validateAuthorize(context, form);
      if (!checked.ok) return checked.response;
      const { client, redirectUri, scopes, state, codeChallenge } = checked.request;
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
    }),
  ];
}
