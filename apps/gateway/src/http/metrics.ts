import { createHash, timingSafeEqual } from "node:crypto";
import type { Express, Request, RequestHandler, Response } from "express";
import type { Config } from "../config.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import { HttpError } from "./errors.js";

export const METRICS_PATH = "/metrics";

export interface RouteLabels {
  /** Mounts whose requests no route matched (the proxy, the rate limit) count as `<mount>/*`. */
  wildcards: readonly string[];
  /** Whether the built SPA is served: its files and fallback answer without a route. */
  spa: boolean;
}

/** Counts one answer; called once it has ended or been abandoned. */
export type RequestCount = (req: Request, res: Response, seconds: number) => void;

/**
 * Counts every answer and its duration by route pattern, never the raw path (unbounded,
 * and it may carry codes or ids): `/auth/:provider/callback`, `/api/github/*`, `spa`,
 * `unmatched`. Requests the client abandoned before the answer ended count as `aborted`.
 * Route patterns come from `recordRoutePatterns`, set up on the same app.
 */
export function requestCounter(metrics: GatewayMetrics, labels: RouteLabels): RequestCount {
  return (req, res, seconds) => {
    const status = res.writableFinished ? String(res.statusCode) : "aborted";
    const pattern = (req as { [PATTERN]?: string })[PATTERN];
    metrics.request(req.method, routeLabel(req, pattern, res.statusCode, labels), status, seconds);
  };
}

const ROUTE = Symbol("route");
const PATTERN = Symbol("route pattern");

/**
 * Express sets `req.route` when a route matches, while `req.baseUrl` is still its router's
 * mount; by the time an error reaches the error handler the mount is unwound, so both are
 * taken at that moment. The setter lives on the app's request prototype: defining it on each
 * request would cost a property definition per request and slow every later lookup on it.
 */
export function recordRoutePatterns(app: Express): void {
  Object.defineProperty(app.request, "route", {
    configurable: true,
    enumerable: true,
    get(this: { [ROUTE]?: unknown }) {
      return this[ROUTE];
    },
    set(this: Request & { [ROUTE]?: unknown; [PATTERN]?: string }, value: unknown) {
      this[ROUTE] = value;
      const path = (value as { path?: unknown } | undefined)?.path;
      this[PATTERN] = typeof path === "string" ? `${this.baseUrl}${path}` : undefined;
    },
  });
}

function routeLabel(
  req: Request,
  pattern: string | undefined,
  status: number,
  { wildcards, spa }: RouteLabels,
): string {
  if (pattern !== undefined) return pattern;
  const path = req.originalUrl.split("?", 1)[0] ?? "";
  const mount = wildcards.find((m) => path === m || path.startsWith(`${m}/`));
  if (mount !== undefined) return `${mount}/*`;
  return spa && status < 400 ? "spa" : "unmatched";
}

/**
 * `GET /metrics`. With `METRICS_TOKEN`: only with `Authorization: Bearer <token>`. Without
 * one: only to loopback clients, unless `METRICS_PUBLIC=true`.
 */
export function serveMetrics(access: Config["metrics"], metrics: GatewayMetrics): RequestHandler {
  // Comparing digests keeps the comparison constant-time whatever length was sent.
  const expected = access.token === undefined ? undefined : digest(access.token);
  return async (req, res) => {
    if (expected) {
      const sent = /^Bearer +(\S+) *$/i.exec(req.get("authorization") ?? "")?.[1];
      if (sent === undefined || !timingSafeEqual(digest(sent), expected)) {
        throw new HttpError(401, "unauthorized", "Metrics need the bearer token.", {
          "WWW-Authenticate": 'Bearer realm="metrics"',
        });
      }
    } else if (!access.public && !fromLoopback(req)) {
      throw new HttpError(403, "forbidden", "Metrics are served to this host only.");
    }
    res
      .set("Cache-Control", "no-store")
      .type(metrics.contentType)
      .send(await metrics.text());
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip"];

/**
 * The peer itself is local. A reverse proxy on the same host makes every client look local,
 * so a request that says it was forwarded is not.
 */
function fromLoopback(req: Request): boolean {
  const address = req.socket.remoteAddress ?? "";
  const loopback = address === "::1" || /^(::ffff:)?127\./.test(address);
  return loopback && FORWARDING_HEADERS.every((name) => req.headers[name] === undefined);
}
