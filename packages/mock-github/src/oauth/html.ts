import { HttpResponse } from "msw";
/** Every value echoed into a page goes through here: parameters come from anyone's link. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const STYLE = `
  :root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #f6f8fa; --card: #fff;
    --border: #d1d9e0; --accent: #1f883d; --accent-fg: #fff; --focus: #0969da; }
  @media (prefers-color-scheme: dark) { :root { --fg: #f0f6fc; --muted: #9198a1; --bg: #0d1117;
    --card: #151b23; --border: #3d444d; --accent: #238636; --focus: #4493f8; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", sans-serif;
    color: var(--fg); background: var(--bg); }
  main { max-width: 28rem; margin: 3rem auto; padding: 0 1rem; }
  .card { background: var(--card); border: 1px solid var(--border); border-radius: 12px; padding: 1.5rem; }
  h1 { font-size: 1.4rem; margin: 0 0 .5rem; text-align: center; }
  p, .muted { color: var(--muted); }
  h2.sub { font-size: 1rem; margin: 1rem 0 0; color: var(--muted); }
  ul { list-style: none; padding: 0; margin: 1rem 0; }
  li.account { display: flex; align-items: center; gap: .75rem; padding: .6rem 0;
    border-top: 1px solid var(--border); }
  li.account img { width: 40px; height: 40px; border-radius: 50%; }
  .who { flex: 1; min-width: 0; }
  .who strong, .who span { display: block; overflow: hidden; text-overflow: ellipsis; }
  button { font: inherit; border-radius: 6px; padding: .4rem .9rem; cursor: pointer;
    border: 1px solid var(--border); background: var(--bg); color: var(--fg); }
  button.primary { background: var(--accent); color: var(--accent-fg); border-color: transparent; }
  button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
  .scopes li { padding: .15rem 0; }
  .actions { display: flex; justify-content: center; margin-top: 1rem; }
  .note { font-size: .85rem; text-align: center; margin-top: 1rem; }
`;

export function htmlDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/**
 * Pages carry a strict policy: no script at all, and forms may only post back here and
 * follow the redirect to the app (form-action also governs where that POST redirects).
 */
export function htmlResponse(
  status: number,
  html: string,
  options: { imgOrigin?: string; formTargets?: readonly string[] } = {},
): Response {
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `img-src 'self' data:${options.imgOrigin ? ` ${options.imgOrigin}` : ""}`,
    `form-action 'self'${(options.formTargets ?? []).map((target) => ` ${target}`).join("")}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");
  return HttpResponse.text(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": csp,
      "x-frame-options": "deny",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
  });
}

/** `site` names who the mock stands in for, in the title. */
export function errorPage(
  status: number,
  heading: string,
  message: string,
  site = "GitHub",
): Response {
  const body = `<div class="card" role="alert">
<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(message)}</p>
</div>`;
  return htmlResponse(status, htmlDocument(`${heading} · ${site}`, body));
}
