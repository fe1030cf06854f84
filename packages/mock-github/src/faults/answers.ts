import { getResponse, type HttpHandler, HttpResponse } from "msw";
import { apiError } from "../api/respond.js";
import type { TokenFields } from "../oauth/grant-tokens.js";
import { tokenReply } from "../oauth/token.js";
import type { Fault, FaultTarget } from "./types.js";

type StatusFault = Extract<Fault, { kind: "status" }>;

const JSON_TYPE = "application/json; charset=utf-8";

// GitHub's messages for the statuses a test is likely to ask for.
const MESSAGES: Record<number, string> = {
  400: "Bad Request",
  401: "Bad credentials",
  403: "Forbidden",
  404: "Not Found",
  422: "Validation Failed",
  429: "Too Many Requests",
  500: "Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** GitHub's outage page, the one with the unicorn, as its load balancers serve it. */
export const UNICORN_PAGE = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Unicorn! · GitHub</title></head>
<body>
<h1>Unicorn!</h1>
<p>This page is taking too long to load.</p>
<p>Sorry about that. Please try refreshing and contact us if the problem persists.</p>
</body>
</html>
`;

/** What a client gets when the connection drops mid-body: valid JSON up to where it stops. */
export const TRUNCATED_JSON = '{"message":"Server Error","documentation_url":"https://docs.gith';

export function statusAnswer({ status, body }: StatusFault): Response {
  // These statuses may not carry a body, in Fetch as in HTTP.
  if (status === 204 || status === 205 || status === 304) return new Response(null, { status });
  const text = body ?? JSON.stringify(apiError(status, MESSAGES[status] ?? "Error").body);
  const type = text.trimStart().startsWith("<") ? "text/html; charset=utf-8" : JSON_TYPE;
  return HttpResponse.text(text, { status, headers: { "content-type": type } });
}

export function htmlAnswer(): Response {
  return HttpResponse.text(UNICORN_PAGE, {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

export function badJsonAnswer(): Response {
  return HttpResponse.text(TRUNCATED_JSON, { status: 200, headers: { "content-type": JSON_TYPE } });
}

function omit(value: unknown, keys: readonly string[]): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

// What each target's answer loses: the fields a client cannot do without.
const STRIP: Partial<Record<FaultTarget, (body: unknown) => unknown>> = {
  user: (body) => omit(body, ["id", "login"]),
  emails: (body) => (Array.isArray(body) ? body.map((entry) => omit(entry, ["email"])) : body),
  api: () => ({}),
  "oidc-token": (body) => omit(body, ["access_token", "id_token"]),
  "oidc-userinfo": (body) => omit(body, ["sub"]),
};

/** The token endpoint answers JSON, XML or form-encoded fields; read them back whichever it was. */
function tokenFields(text: string, type: string): TokenFields {
  if (type.includes("json")) {
    const parsed: unknown = JSON.parse(text);
    const entries = typeof parsed === "object" && parsed !== null ? Object.entries(parsed) : [];
    return Object.fromEntries(
      entries.filter(([, value]) => typeof value === "string" || typeof value === "number"),
    );
  }
  if (type.includes("xml")) {
    return Object.fromEntries(
      Array.from(text.matchAll(/<(\w+)>([^<]*)<\/\1>/g), (m) => [m[1], m[2]]),
    );
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/**
 * The normal answer, from the handlers behind the fault layer, with its key fields left
 * out. Only a 200 is changed: an error answer has no such fields to lose.
 */
export async function missingFieldsAnswer(
  target: FaultTarget,
  request: Request,
  routes: readonly HttpHandler[],
): Promise<Response | undefined> {
  const normal = await getResponse([...routes], request.clone());
  if (normal?.status !== 200) return normal;
  const text = await normal.text();
  if (target === "token") {
    const fields = tokenFields(text, normal.headers.get("content-type") ?? "");
    delete fields.access_token;
    return tokenReply(request, fields);
  }
  const headers = new Headers(normal.headers);
  // The body changes, so the validator and length of the old one no longer hold.
  headers.delete("etag");
  headers.delete("content-length");
  const strip = STRIP[target] ?? ((body: unknown) => body);
  const body = JSON.stringify(strip(JSON.parse(text)));
  return HttpResponse.text(body, { status: 200, headers });
}
