import type { NormalizedUser } from "@latchkey/oauth-core";
import { PATHS } from "./names.js";

/** Everything shown comes from GitHub or from the URL: all of it is escaped. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function document(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
${body}
</body>
</html>
`;
}

/** Who is signed in, with a form to sign out; or the link that starts a sign-in. */
export function homePage(user: NormalizedUser | undefined): string {
  if (!user) {
    return document(
      "Signed out",
      `<p>You are not signed in.</p>
<p><a href="${PATHS.login}">Sign in with GitHub</a></p>`,
    );
  }
  const name = user.name ? ` (${escapeHtml(user.name)})` : "";
  // A form, not a link: signing out changes state, so it is a POST.
  return document(
    `Signed in as ${user.login}`,
    `<p>Signed in as <strong>${escapeHtml(user.login)}</strong>${name}.</p>
<form method="post" action="${PATHS.logout}"><button type="submit">Sign out</button></form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return document(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="${PATHS.home}">Home</a> · <a href="${PATHS.login}">Sign in with GitHub</a></p>`,
  );
}
