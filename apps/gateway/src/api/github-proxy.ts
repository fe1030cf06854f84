import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import https from "node:https";
import type { RequestHandler } from "express";
import {
  createProxyMiddleware,
  debugProxyErrorsPlugin,
  proxyEventsPlugin,
} from "http-proxy-middleware";
import type { Logger } from "pino";
import { requireCsrf } from "../http/csrf.js";
import { HttpError, sendError } from "../http/errors.js";
import { requestLog } from "../http/request-id.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import type { SessionData } from "../session/session.js";
import { type EtagCacheOptions, ProxyEtagCache } from "./etag-cache.js";
import { requireSession, type SessionDeps } from "./me.js";
import { checkProxyPath } from "./proxy-path.js";

export interface GitHubProxyOptions {
  apiUrl: string;
  publicUrl: string;
  /** Where the proxy is mounted, so `Link` headers can point back through it. */
  mountPath: string;
  methods: readonly string[];
  timeoutMs: number;
  /** Per-user ETag revalidation of GETs; undefined streams every answer as GitHub sent it. */
  etagCache?: EtagCacheOptions | undefined;
  sessions: SessionDeps;
  logger: Logger;
  metrics: GatewayMetrics;
}

/**
 * Client headers GitHub never sees: the gateway's own credentials and checks (the user's
 * token replaces them), where the page came from, and the client's request id (GitHub keeps
 * its own, X-GitHub-Request-Id). `Expect` as well: this server already answered
 * `100-continue` before any route ran, so it means nothing to the next hop.
 */
const NOT_FORWARDED = [
  "cookie",
  "authorization",
  "proxy-authorization",
  "x-csrf",
  "origin",
  "referer",
  "x-request-id",
  "expect",
] as const;

/**
 * About the client's connection to us, not GitHub's (RFC 9110 §7.6.1): a client closing its
 * own connection must not close a pooled one to GitHub.
 */
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"];
/** Kept even when `Connection` names them: without them the body would lose its framing. */
const FRAMING = new Set(["content-length", "transfer-encoding", "host"]);
const DROPPED: readonly string[] = [...HOP_BY_HOP, ...NOT_FORWARDED];

/**
 * Turns the client's headers into the ones sent to GitHub, in place: the upstream request is
 * built from them. Settled before the proxy runs, they hold for every request shape, including
 * those for which the proxy library never offers its request hook (it skips it when headers
 * go out early, as with `Expect`).
 */
function toUpstream(headers: IncomingHttpHeaders, accessToken: string): void {
  const connection = headers.connection;
  if (connection !== undefined) {
    for (const token of connection.split(",")) {
      const name = token.trim().toLowerCase();
      if (name && !FRAMING.has(name)) delete headers[name];
    }
  }
  for (const name of DROPPED) delete headers[name];
  headers.authorization = `Bearer ${accessToken}`;
}

/** The session travels from the check to the proxy hooks on the request itself. */
const sessionOf = new WeakMap<IncomingMessage, SessionData>();
const timedOut = new WeakSet<IncomingMessage>();

/**
 * `/api/github/*`: forwards to the GitHub API with the user's token attached here, so the
 * browser never holds it. Mount before any body parser: the proxy streams the raw body.
 */
export function createGitHubProxy(options: GitHubProxyOptions): RequestHandler[] {
  const { apiUrl, sessions, logger, metrics, mountPath } = options;
  const target = new URL(apiUrl);
  const apiBase = target.toString().replace(/\/$/, "");
  const methods = new Set(options.methods.map((m) => m.toUpperCase()));
  const Agent = target.protocol === "https:" ? https.Agent : http.Agent;
  // One pooled agent for the gateway's lifetime, owned here rather than shared with whatever
  // else in the process proxies: a new TCP/TLS handshake per call would cost more than the
  // rest of the proxying.
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  const etags = options.etagCache && new ProxyEtagCache(options.etagCache);

  const guard: RequestHandler = async (req, res, next) => {
    if (!methods.has(req.method)) {
      throw new HttpError(405, "method_not_allowed", `${req.method} is not allowed here.`, {
        Allow: [...methods].join(", "),
      });
    }
    checkProxyPath(req.url);
    const session = await requireSession(sessions, req, res);
    if (session.provider !== "github") {
      throw new HttpError(
        403,
        "wrong_provider",
        "The GitHub API is available to people signed in with GitHub.",
      );
    }
    sessionOf.set(req, session);
    toUpstream(req.headers, session.token.accessToken);
    etags?.request(req, session, apiBase + req.url);
    next();
  };

  const proxy = createProxyMiddleware<IncomingMessage, ServerResponse>({
    target: target.toString(),
    changeOrigin: true,
    agent,
    // The default plugins without the logger: it parses a URL for every answer to build a line
    // for a logger that writes nothing (the gateway logs requests itself). Kept: the guard
    // against unhandled socket errors, and the `on` handlers below.
    ejectPlugins: true,
    plugins: [debugProxyErrorsPlugin, proxyEventsPlugin],
    proxyTimeout: options.timeoutMs,
    on: {
      // Only tells a timeout from a refusal, for the status below; nothing sent upstream
      // depends on this hook.
      proxyReq(proxyReq, req) {
        proxyReq.on("timeout", () => timedOut.add(req));
      },
      proxyRes(proxyRes, req, res) {
        metrics.upstream(proxyRes.statusCode ?? "error");
        const headers = proxyRes.headers;
        // The client's connection is ours to keep or close, as on any other route.
        delete headers["keep-alive"];
        headers.connection = res.shouldKeepAlive ? "keep-alive" : "close";
        // GitHub may not set cookies on our origin, nor widen CORS for it, nor replace our id.
        delete headers["set-cookie"];
        delete headers["x-request-id"];
        for (const name of Object.keys(headers)) {
          if (name.startsWith("access-control-")) delete headers[name];
        }
        if (typeof headers.link === "string") {
          headers.link = headers.link.split(apiBase).join(mountPath);
        }
        // The provider no longer accepts this token: the session is over, everywhere. end()
        // clears the cookie before it returns; the revocation completes in the background.
        if (proxyRes.statusCode === 401) {
          sessions.sessions.end(res, sessionOf.get(req)).catch((err: unknown) => {
            requestLog(logger, req).warn(
              { err: { message: String(err) } },
              "could not revoke the session after GitHub's 401",
            );
          });
        }
        etags?.response(proxyRes, req, res);
      },
      error(err, req, res) {
        // A socket only for WebSocket upgrades, which this proxy does not take.
        if (!("setHeader" in res)) return;
        const timeout = timedOut.has(req);
        requestLog(logger, req).warn(
          { err: { message: err.message }, timeout },
          "GitHub API proxy failed",
        );
        if (res.headersSent) {
          res.destroy();
          return;
        }
        // Counted here only when GitHub's answer never started (else proxyRes counted it).
        metrics.upstream(timeout ? "timeout" : "error");
        if (timeout) sendError(res, 504, "upstream_timeout", "GitHub did not answer in time.");
        else sendError(res, 502, "upstream_unavailable", "GitHub could not be reached.");
      },
    },
  });

  return [requireCsrf(options.publicUrl), guard, proxy];
}
