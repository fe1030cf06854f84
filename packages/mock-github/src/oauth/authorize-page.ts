import type { MockContext } from "../context.js";
import type { AuthorizeRequest } from "./authorize-request.js";
import { consentPage, pathOf } from "./consent-page.js";
import { escapeHtml } from "./html.js";

// GitHub's wording on its own consent screen, for the scopes apps ask most often.
const SCOPE_LABELS: Record<string, string> = {
  user: "Read and write all user profile data",
  "read:user": "Read all user profile data",
  "user:email": "Access user email addresses (read-only)",
  "user:follow": "Follow and unfollow users",
  repo: "Full control of private repositories",
  public_repo: "Access public repositories",
  "read:org": "Read org and team membership, read org projects",
  gist: "Create gists",
  notifications: "Access notifications",
};

/** The consent screen's permission lines for `scopes`, in GitHub's words (HTML, escaped). */
export function permissionLines(scopes: readonly string[]): string[] {
  return scopes.length === 0
    ? ["Read-only access to public information"]
    : scopes.map(
        (scope) => `<code>${escapeHtml(scope)}</code> ${escapeHtml(SCOPE_LABELS[scope] ?? "")}`,
      );
}

/** GitHub's consent screen. */
export function authorizePage(context: MockContext, request: AuthorizeRequest): Response {
  const appName = request.client.name ?? request.client.clientId;
  return consentPage(context, {
    title: "Authorize application",
    heading: `Authorize ${appName}`,
    intro: `<strong>${escapeHtml(appName)}</strong> wants to access your account.`,
    permissions: permissionLines(request.scopes),
    action: `${pathOf(context.baseUrl)}/login/oauth/authorize`,
    fields: {
      client_id: request.client.clientId,
      redirect_uri: request.redirectUri,
      scope: request.scopes.join(" "),
      state: request.state,
      code_challenge: request.codeChallenge,
      code_challenge_method: request.codeChallenge === undefined ? undefined : "S256",
    },
    redirectUri: request.redirectUri,
    suggested: request.login,
    site: "GitHub",
  });
}
