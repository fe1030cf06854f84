import { type HttpHandler, HttpResponse, http } from "msw";
import type { MockContext } from "./context.js";
import { escapeHtml } from "./oauth/html.js";

const COLORS = ["#0969da", "#1f883d", "#8250df", "#bf3989", "#bc4c00", "#1b7c83"];

/**
 * Avatars come from the mock itself (as on GitHub Enterprise Server, /avatars/u/<id>),
 * so nothing a developer runs ever reaches an outside host.
 */
export function avatarHandlers(context: MockContext): HttpHandler[] {
  const names = new Map<number, string>();
  for (const account of context.accounts.values()) names.set(account.id, account.login);
  for (const org of context.orgs.values()) names.set(org.id, org.login);

  return [
    http.get(`${context.baseUrl}/avatars/u/:id`, ({ params }) => {
      const id = Number(params.id);
      const name = names.get(id);
      if (name === undefined) return HttpResponse.text("Not Found", { status: 404 });
      const color = COLORS[id % COLORS.length];
      const initial = escapeHtml(name.charAt(0).toUpperCase());
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="460" height="460" viewBox="0 0 460 460"><rect width="460" height="460" fill="${color}"/><text x="50%" y="50%" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="220" fill="#fff">${initial}</text></svg>`;
      return HttpResponse.text(svg, {
        headers: {
          "content-type": "image/svg+xml",
          "cache-control": "public, max-age=3600",
          // An SVG opened directly is a document; keep it inert.
          "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
          "x-content-type-options": "nosniff",
        },
      });
    }),
  ];
}
