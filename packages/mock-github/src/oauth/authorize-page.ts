import { avatarUrl } from "../api/shapes.js";
import type { MockContext } from "../context.js";
import type { SeedAccount } from "../types.js";
import type { AuthorizeRequest } from "./authorize-request.js";
import { escapeHtml, htmlDocument, htmlResponse } from "./html.js";

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

function hidden(name: string, value: string | undefined): string {
  return value === undefined
    ? ""
    : `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

function accountRow(context: MockContext, account: SeedAccount, suggested: boolean): string {
  const login = escapeHtml(account.login);
  const name = account.name ? `<strong>${escapeHtml(account.name)}</strong>` : "";
  // The avatar is decorative (alt=""), so each button's accessible name is exactly its text.
  return `<li class="account">
<img src="${escapeHtml(avatarUrl(context, account.id))}" alt="" width="40" height="40">
<div class="who">${name}<span class="muted">@${login}${suggested ? " · suggested" : ""}</span></div>
<button type="submit" class="primary" name="login" value="${login}">Continue as ${login}</button>
</li>`;
}

/** The consent screen: one button per account, because the mock has no passwords. */
export function authorizePage(context: MockContext, request: AuthorizeRequest): Response {
  const appName = escapeHtml(request.client.name ?? request.client.clientId);
  const suggested = request.login?.toLowerCase();
  const accounts = [...context.accounts.values()].sort(
    (a, b) =>
      Number(b.login.toLowerCase() === suggested) - Number(a.login.toLowerCase() === suggested),
  );
  const scopes =
    request.scopes.length === 0
      ? "<li>Read-only access to public information</li>"
      : request.scopes
          .map(
            (scope) =>
              `<li><code>${escapeHtml(scope)}</code> ${escapeHtml(SCOPE_LABELS[scope] ?? "")}</li>`,
          )
          .join("\n");
  const redirect = new URL(request.redirectUri);
  const action = `${new URL(context.baseUrl).pathname.replace(/\/$/, "")}/login/oauth/authorize`;
  const body = `<div class="card">
<h1>Authorize ${appName}</h1>
<p><strong>${appName}</strong> wants to access your account.</p>
<h2 class="sub">Permissions</h2>
<ul class="scopes">
${scopes}
</ul>
<form method="post" action="${escapeHtml(action)}">
${hidden("client_id", request.client.clientId)}
${hidden("redirect_uri", request.redirectUri)}
${hidden("scope", request.scopes.join(" "))}
${hidden("state", request.state)}
${hidden("code_challenge", request.codeChallenge)}
${hidden("code_challenge_method", request.codeChallenge === undefined ? undefined : "S256")}
<h2 class="sub">Choose an account</h2>
<ul aria-label="Accounts">
${accounts.map((account) => accountRow(context, account, account.login.toLowerCase() === suggested)).join("\n")}
</ul>
<div class="actions"><button type="submit" name="cancel" value="1">Cancel</button></div>
</form>
<p class="note">Authorizing will redirect to <strong>${escapeHtml(redirect.origin)}</strong>.<br>
This is a mock GitHub for development: no real account is involved.</p>
</div>`;
  return htmlResponse(200, htmlDocument("Authorize application", body), {
    imgOrigin: new URL(context.baseUrl).origin,
    formTargets: [redirect.origin],
  });
}
