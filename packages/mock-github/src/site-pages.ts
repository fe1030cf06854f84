import { type HttpHandler, HttpResponse, http } from "msw";
import { findAccount, type MockContext } from "./context.js";
import { escapeHtml, htmlDocument, htmlResponse } from "./oauth/html.js";

// A key on GitHub's green: browsers ask every page's origin for /favicon.ico.
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f883d"/><circle cx="12" cy="16" r="5" fill="none" stroke="#fff" stroke-width="3"/><path d="M17 16h10m-3 0v4" stroke="#fff" stroke-width="3" fill="none"/></svg>`;

const NOTE = `<p class="note">This is a mock of GitHub for development: nothing here is real.</p>`;

/**
 * The pages the API's `html_url`s point at (a profile, a repository), so a link followed from
 * an app shows what it names instead of a 404; and the icon every browser asks for.
 */
export function sitePageHandlers(context: MockContext): HttpHandler[] {
  return [
    http.get(
      `${context.baseUrl}/favicon.ico`,
      () =>
        new HttpResponse(FAVICON, {
          headers: {
            "content-type": "image/svg+xml",
            "cache-control": "public, max-age=86400",
            "x-content-type-options": "nosniff",
          },
        }),
    ),
    http.get(`${context.baseUrl}/:owner/:repo`, ({ params }) => {
      const owner = findAccount(context, String(params.owner));
      const repo = owner?.repos.find(
        (r) => r.name.toLowerCase() === String(params.repo).toLowerCase(),
      );
      // Anything else with two segments (the OAuth and device pages) is some other route's.
      if (!owner || !repo) return undefined;
      const fullName = `${owner.login}/${repo.name}`;
      const facts = [
        repo.private ? "Private" : "Public",
        repo.language,
        `${repo.stargazersCount} stars`,
        `updated ${repo.updatedAt.slice(0, 10)}`,
      ].filter((fact): fact is string => fact !== null);
      const body = `<div class="card">
<h1>${escapeHtml(fullName)}</h1>
<p>${escapeHtml(repo.description ?? "No description.")}</p>
<p class="muted">${facts.map(escapeHtml).join(" · ")}</p>
${NOTE}
</div>`;
      return htmlResponse(200, htmlDocument(`${fullName} · GitHub (mock)`, body));
    }),
    http.get(`${context.baseUrl}/:login`, ({ params }) => {
      const account = findAccount(context, String(params.login));
      if (!account) return undefined;
      const body = `<div class="card">
<h1>${escapeHtml(account.name ?? account.login)}</h1>
<p class="muted">@${escapeHtml(account.login)} · ${account.repos.length} repositories</p>
${account.bio ? `<p>${escapeHtml(account.bio)}</p>` : ""}
${NOTE}
</div>`;
      return htmlResponse(200, htmlDocument(`${account.login} · GitHub (mock)`, body));
    }),
  ];
}
