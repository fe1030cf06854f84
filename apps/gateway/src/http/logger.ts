import type { IncomingMessage } from "node:http";
import { type Logger, pino } from "pino";
import { pinoHttp } from "pino-http";

/** Query parameters whose values are secrets or one-time credentials. */
const SECRET_PARAMS = new Set([
  "code",
  "state",
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
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        'res.headers["set-cookie"]',
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

export function createHttpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; raw?: IncomingMessage }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url ?? "/"),
        headers: req.headers,
      }),
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
  });
}
