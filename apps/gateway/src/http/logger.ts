import { type Logger, pino } from "pino";
import { pinoHttp } from "pino-http";
import { METRICS_PATH } from "./metrics.js";
import { requestId } from "./request-id.js";

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

/** Keeps the path and the names of query parameters, but never a code, state or token. */
export function redactUrl(url: string): string {
  const parsed = new URL(url, "http://gateway.invalid");
  for (const key of new Set(parsed.searchParams.keys())) {
    if (SECRET_PARAMS.has(key.toLowerCase())) parsed.searchParams.set(key, "[redacted]");
  }
  const query = parsed.searchParams.toString();
  return `${parsed.pathname}${query ? `?${query.replaceAll("%5Bredacted%5D", "[redacted]")}` : ""}`;
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

/**
 * Access logs name what was asked and answered, through allow-lists: a new header carrying
 * a secret stays out of the log by default instead of needing a redaction rule.
 */
export function createHttpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: requestId,
    serializers: {
      req: (req: {
        id?: unknown;
        method?: string;
        url?: string;
        headers?: Record<string, unknown>;
      }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url ?? "/"),
        headers: pick(req.headers, LOGGED_REQUEST_HEADERS),
      }),
      res: (res: { statusCode?: number; headers?: Record<string, unknown> }) => {
        const location = res.headers?.location;
        return {
          statusCode: res.statusCode,
          ...(typeof location === "string" && { location: redactUrl(location) }),
        };
      },
    },
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return "error";
      if (res.statusCode >= 400) return "warn";
      // A scrape every few seconds is noise at info.
      return new URL(req.url ?? "/", "http://gateway.invalid").pathname === METRICS_PATH
        ? "debug"
        : "info";
    },
  });
}
