import { type HttpHandler, http } from "msw";
import type { MockContext } from "../context.js";
import type { RateLimitStatus } from "../state.js";
import {
  API_DOCS,
  type AuthResult,
  authenticateClient,
  authenticateUser,
  type Caller,
} from "./auth.js";
import { matchesEtag, send, weakEtag } from "./headers.js";

/** What a route answers; the wrapper adds GitHub's headers, the ETag and rate limiting. */
export interface ApiReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiRequest<Auth extends Caller = Caller> {
  request: Request;
  url: URL;
  params: Record<string, string>;
  caller: Auth;
  /** The caller's rate-limit window before this request is charged. */
  rate: RateLimitStatus;
}

export type ClientCaller = Extract<Caller, { kind: "client" }>;

export interface RouteOptions {
  /** `x-accepted-oauth-scopes`: the scopes this endpoint looks for. */
  acceptedScopes?: string;
  /** Linked from error bodies, as GitHub does per endpoint. */
  docs?: string;
}

const ANONYMOUS_LIMIT = 60;
const ANONYMOUS_KEY = "anonymous";
const ANONYMOUS_LIMIT_MESSAGE =
  "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)";

export function apiError(status: number, message: string, docs = API_DOCS): ApiReply {
  return { status, body: { message, documentation_url: docs, status: String(status) } };
}

export function notFound(docs?: string): ApiReply {
  return apiError(404, "Not Found", docs);
}

type Method = "get" | "post" | "patch" | "put" | "delete" | "all";
type Resolve<Auth extends Caller> = (input: ApiRequest<Auth>) => ApiReply | Promise<ApiReply>;

/** A REST route that answers anyone, with a tighter rate limit for anonymous callers. */
export function publicRoute(
  context: MockContext,
  method: Method,
  path: string,
  options: RouteOptions & { countsAgainstLimit?: boolean },
  resolve: Resolve<Caller>,
): HttpHandler {
  return route(
    context,
    method,
    path,
    options,
    authenticateUser,
    resolve,
    options.countsAgainstLimit,
  );
}

/** A route only one kind of caller may use; anyone else gets 401 "Requires authentication". */
function guardedRoute<Kind extends "user" | "client">(
  kind: Kind,
  authenticate: (context: MockContext, request: Request) => AuthResult,
) {
  type Allowed = Extract<Caller, { kind: Kind }>;
  return (
    context: MockContext,
    method: Method,
    path: string,
    options: RouteOptions,
    resolve: Resolve<Allowed>,
  ): HttpHandler =>
    route(context, method, path, options, authenticate, (input) =>
      input.caller.kind === kind
        ? resolve(input as ApiRequest<Allowed>)
        : apiError(401, "Requires authentication", options.docs),
    );
}

/** A REST route for a signed-in user (a token). */
export const userRoute = guardedRoute("user", authenticateUser);

/** A REST route for an OAuth app authenticating with its client id and secret (Basic). */
export const clientRoute = guardedRoute("client", authenticateClient);

function route(
  context: MockContext,
  method: Method,
  path: string,
  options: RouteOptions,
  authenticate: (context: MockContext, request: Request) => AuthResult,
  resolve: Resolve<Caller>,
  countsAgainstLimit = true,
): HttpHandler {
  return http[method](`${context.apiUrl}${path}`, async ({ request, params }) => {
    const auth = authenticate(context, request);
    if (!auth.ok) {
      // Failed logins are not charged to anyone's quota.
      const status = context.state.rateLimit(ANONYMOUS_KEY, ANONYMOUS_LIMIT);
      return send(apiError(401, auth.message), { status, scopes: undefined, options });
    }
    const { key, limit } = rateKey(context, auth.caller);
    const before = context.state.rateLimit(key, limit);
    const scopes = auth.caller.kind === "user" ? auth.caller.token.scopes : undefined;
    if (countsAgainstLimit && before.remaining === 0) {
      const message =
        auth.caller.kind === "user"
          ? `API rate limit exceeded for user ID ${auth.caller.account.id}.`
          : ANONYMOUS_LIMIT_MESSAGE;
      const docs =
        "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits";
      return send(apiError(403, message, docs), { status: before, scopes, options });
    }
    const reply = await resolve({
      request,
      url: new URL(request.url),
      params: stringParams(params),
      caller: auth.caller,
      rate: before,
    });
    const body = reply.body === undefined ? undefined : JSON.stringify(reply.body);
    const etag = reply.status === 200 && body !== undefined ? await weakEtag(body) : undefined;
    if (etag && matchesEtag(request.headers.get("if-none-match"), etag)) {
      // GitHub does not charge conditional requests answered with 304.
      return send(
        { status: 304, headers: { ...reply.headers, etag } },
        { status: before, scopes, options },
      );
    }
    if (countsAgainstLimit) context.state.consumeRateLimit(key);
    const status = context.state.rateLimit(key, limit);
    const headers = etag ? { ...reply.headers, etag } : reply.headers;
    return send({ ...reply, headers }, { status, scopes, options, body });
  });
}

function rateKey(context: MockContext, caller: Caller): { key: string; limit: number } {
  switch (caller.kind) {
    case "user":
      return { key: `token:${caller.token.token}`, limit: context.rateLimit };
    case "client":
      return { key: `client:${caller.client.clientId}`, limit: context.rateLimit };
    default:
      return { key: ANONYMOUS_KEY, limit: ANONYMOUS_LIMIT };
  }
}

function stringParams(params: Record<string, string | readonly string[] | undefined>) {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string") out[name] = value;
  }
  return out;
}
