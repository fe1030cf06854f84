import { avatarUrl } from "../api/shapes.js";
import type { MockContext } from "../context.js";
import type { SeedAccount } from "../types.js";
import { escapeHtml, htmlDocument, htmlResponse } from "./html.js";

/** What differs between the mock's sign-in pages (GitHub's, the OpenID Connect provider's). */
export interface ConsentPage {
  /** The document title. */
  title: string;
  /** Plain text; escaped here. */
  heading: string;
  /** HTML under the heading; the caller escapes what it echoes. */
  intro: string;
  /** HTML of each permission line; the caller escapes what it echoes. */
  permissions: readonly string[];
  /** Where the form posts (a path on the mock). */
  action: string;
  /** Hidden fields: the request, sent back with the decision. Undefined ones are left out. */
  fields: Readonly<Record<string, string | undefined>>;
  redirectUri: string;
  /** A login to list first (a login hint). */
  suggested: string | undefined;
  /** Who the mock stands in for, in the footnote: "GitHub", "Google". */
  site: string;
}

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

/** A consent screen: one button per account, because the mock has no passwords, and Cancel. */
export function consentPage(context: MockContext, page: ConsentPage): Response {
  const suggested = page.suggested?.toLowerCase();
  const isSuggested = (account: SeedAccount) => account.login.toLowerCase() === suggested;
  const accounts = [...context.accounts.values()].sort(
    (a, b) => Number(isSuggested(b)) - Number(isSuggested(a)),
  );
  const redirect = new URL(page.redirectUri);
  const body = `<div class="card">
<h1>${escapeHtml(page.heading)}</h1>
<p>${page.intro}</p>
<h2 class="sub">Permissions</h2>
<ul class="scopes">
${page.permissions.map((line) => `<li>${line}</li>`).join("\n")}
</ul>
<form method="post" action="${escapeHtml(page.action)}">
${Object.entries(page.fields)
  .map(([name, value]) => hidden(name, value))
  .filter((input) => input !== "")
  .join("\n")}
<h2 class="sub">Choose an account</h2>
<ul aria-label="Accounts">
${accounts.map((account) => accountRow(context, account, isSuggested(account))).join("\n")}
</ul>
<div class="actions"><button type="submit" name="cancel" value="1">Cancel</button></div>
</form>
<p class="note">Authorizing will redirect to <strong>${escapeHtml(redirect.origin)}</strong>.<br>
This is a mock ${escapeHtml(page.site)} for development: no real account is involved.</p>
</div>`;
  return htmlResponse(200, htmlDocument(page.title, body), {
    imgOrigin: new URL(context.baseUrl).origin,
    formTargets: [redirect.origin],
  });
}

/** The path of `url`, without a trailing slash, for a form action on the mock's own origin. */
export function pathOf(url: string): string {
  return new URL(url).pathname.replace(/\/$/, "");
}
