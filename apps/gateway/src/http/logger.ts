import type { Request, Response } from "express";
import { type Level, type Logger, pino } from "pino";
import { METRICS_PATH } from "./metrics.js";

/** Query parameters whose values are secrets or one-time credentials. */
const SECRET_PARAMS = new Set([
  "code",
  "state",
  "nonce",
  "code_challenge",
  "access_token",
  "id_token",
  "token",
  "refresh_token",
]);

export function createLogger(level: string, format: "json" | "pretty" = "json"): Logger {
  return pino({
    level,
    ...(format === "pretty" && {
      transport: { target: "pino-pretty", options: { ignore: "pid,hostname", singleLine: true } },
    }),
    redact: {
      // A second net under the access log's allow-lists, for objects logged by hand.
      paths: [
        "*.headers.cookie",
        "*.headers.authorization",
        '*.headers["set-cookie"]',
        "*.accessToken",
        "*.refreshToken",
        "*.codeVerifier",
      ],
      censor: "[redacted]",
    },
  });
}

/**
 * Keeps the target as it came and the names of query parameters, but never a code, state or
 * token, nor a fragment. No URL parser: it runs in the access log's `close` listener, where a
 * target such as `//` (which `new URL` refuses) must not throw and stop the process.
 */
export function redactUrl(url: string): string {
  const hashAt = url.indexOf("#");
  const target = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? "" : "#[redacted]";
  const queryAt = target.indexOf("?");
  if (queryAt === -1) return `${target}${fragment}`;
  const params = new URLSearchParams(target.slice(queryAt + 1));
  for (const key of new Set(params.keys())) {
    if (SECRET_PARAMS.has(key.toLowerCase())) params.set(key, "[redacted]");
  }
  const query = params.toString().replaceAll("%5Bredacted%5D", "[redacted]");
  return `${target.slice(0, queryAt)}${query ? `?${query}` : ""}${fragment}`;
}

/**
 * Request headers worth a log line; everything else (cookies, authorization…) never is.
 * An incoming X-Request-Id is not among them: `req.id` holds it once it has been checked.
 */
const LOGGED_REQUEST_HEADERS = [
  "host",
  "user-agent",
  "x-forwarded-for",
  "origin",
  "sec-fetch-site",
];

function pick(headers: Record<string, unknown> | undefined, names: readonly string[]) {
  const picked: Record<string, unknown> = {};
  for (const name of names) if (headers?.[name] !== undefined) picked[name] = headers[name];
  return picked;
}

/** Writes one request's access log line; called once its answer has ended or been abandoned. */
export type AccessLog = (req: Request, res: Response, id: string, elapsedMs: number) => void;

/**
 * Access logs name what was asked and answered, through allow-lists: a new header carrying
 * a secret stays out of the log by default instead of needing a redaction rule. One line per
 * request, built only when its level is enabled: a per-request child logger with eagerly
 * serialized bindings (as pino-http makes) cost about a quarter of the gateway's time under
 * load even when nothing was written.
 */
export function accessLog(logger: Logger): AccessLog {
  return (req, res, id, elapsedMs) => {
    const aborted = !res.writableFinished;
    // The usual answer logs at info (debug for scrapes): when neither is on, as in
    // production at LOG_LEVEL=warn, nothing about the URL needs looking at.
    if (res.statusCode < 400 && !aborted && !logger.isLevelEnabled("info")) return;
    const signedOut = isSignedOut(req, res.statusCode);
    const level = signedOut
      ? "debug"
      : levelFor(req.originalUrl ?? req.url, res.statusCode, aborted);
    if (!logger.isLevelEnabled(level)) return;
    const location = res.getHeader("location");
    logger[level](
      {
        reqId: id,
        req: {
          id,
          method: req.method,
          url: redactUrl(req.originalUrl ?? req.url ?? "/"),
          // Who asked says nothing about someone who has not signed in yet.
          ...(!signedOut && { headers: pick(req.headers, LOGGED_REQUEST_HEADERS) }),
        },
        res: {
          statusCode: res.statusCode,
          ...(typeof location === "string" && { location: redactUrl(location) }),
        },
        responseTime: Math.round(elapsedMs),
      },
      aborted ? "request aborted" : "request completed",
    );
  };
}

/**
 * A 401 to a request that brought no credential of its own is someone not signed in (the SPA
 * asks /api/me before every sign-in): ordinary, so not a warning. A 401 that refused an
 * `Authorization` header (a scraper with the wrong metrics token) stays one: an operator must
 * fix what sent it.
 */
function isSignedOut(req: Request, status: number): boolean {
  return status === 401 && req.headers.authorization === undefined;
}

function levelFor(url: string | undefined, status: number, aborted: boolean): Level {
  if (status >= 500) return "error";
  if (status >= 400 || aborted) return "warn";
  // A scrape every few seconds is noise at info.
  return url?.split("?", 1)[0] === METRICS_PATH ? "debug" : "info";
}
