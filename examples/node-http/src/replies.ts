import type { ServerResponse } from "node:http";
import { errorPage } from "@latchkey/example-shared";

/** A response as data: handlers return one, and only `send` touches the ServerResponse. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * On every response. The CSP lets the pages do nothing but post the logout form to this
 * origin; `same-origin` keeps `/callback?code=…` out of other sites' Referer headers while
 * the sign-out form still carries this origin in `Origin` (under `no-referrer` browsers send
 * `Origin: null`, which the logout must refuse); `no-store` keeps signed-in pages out of
 * shared caches and the back button.
 */
const COMMON_HEADERS = {
  "content-security-policy":
    "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "referrer-policy": "same-origin",
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
};

export function html(status: number, body: string): Reply {
  return { status, headers: { "content-type": "text/html; charset=utf-8" }, body };
}

export function redirect(location: string, status: 302 | 303 = 302): Reply {
  return { status, headers: { location } };
}

export function errorReply(status: number, title: string, message: string): Reply {
  return html(status, errorPage(title, message));
}

export function send(res: ServerResponse, reply: Reply, cookies: readonly string[]): void {
  res.writeHead(reply.status, {
    ...COMMON_HEADERS,
    ...reply.headers,
    ...(cookies.length > 0 && { "set-cookie": [...cookies] }),
  });
  // Node leaves the body out by itself when the request was a HEAD.
  res.end(reply.body);
}
