import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import type { RequestHandler } from "express";
import { createProxyMiddleware, proxyEventsPlugin } from "http-proxy-middleware";
import type { Logger } from "pino";
import { requireSession, type SessionDeps } from "../auth/require-session.js";
import { requireCsrf } from "../http/csrf.js";
import { HttpError } from "../http/errors.js";
import { requestLog } from "../http/request-id.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import type { SessionData } from "../session/session.js";
import type { ApiTarget } from "./api-target.js";
import { type EtagCacheOptions, ProxyEtagCache } from "./etag-cache.js";
import { answerFailure, containFault, refuseAnswer } from "./proxy-faults.js";
import { checkProxyPath } from "./proxy-path.js";
import { isFinalAnswer, refuseUpgrade } from "./upstream-answer.js";
import {
  type ApiLocation,
  fromUpstream,
  locationThroughGateway,
  toUpstream,
} from "./upstream-headers.js";

export interface ApiProxyOptions {
  target: ApiTarget;
  publicUrl: string;
  /** Where the proxy is mounted, so `Link` and `Location` headers can point back through it. */
  mountPath: string;
  methods: readonly string[];
  timeoutMs: number;
  /** Per-user ETag revalidation of GETs, used only where the API has ETags. */
  etagCache?: EtagCacheOptions | undefined;
  sessions: SessionDeps;
  logger: Logger;
  metrics: GatewayMetrics;
}

/** The session travels from the check to the proxy hooks on the request itself. */
const sessionOf = new WeakMap<IncomingMessage, SessionData>();
const timedOut = new WeakSet<IncomingMessage>();
/** The client's own headers, while the request carries the upstream ones for the proxy. */
const clientHeadersOf = new WeakMap<IncomingMessage, IncomingHttpHeaders>();

/** Gives the request its client's headers back, for the access log and anything after. */
function restoreClientHeaders(req: IncomingMessage): void {
  const client = clientHeadersOf.get(req);
  if (client) req.headers = client;
}

/**
 * `/api/<name>/*`: forwards to one API with the user's token attached here, so the browser
 * never holds it. Mount before any body parser: the proxy streams the raw body.
 */
export function createApiProxy(options: ApiProxyOptions): RequestHandler[] {
  const { sessions, logger, metrics, mountPath } = options;
  const spec = options.target;
  const target = new URL(spec.baseUrl);
  const apiBase = target.toString().replace(/\/$/, "");
  const location: ApiLocation = {
    base: apiBase,
    origin: target.origin,
    path: target.pathname.replace(/\/$/, ""),
    mountPath,
  };
  const methods = new Set(options.methods.map((m) => m.toUpperCase()));
  const Agent = target.protocol === "https:" ? https.Agent : http.Agent;
  // One pooled agent for the gateway's lifetime, owned here rather than shared with whatever
  // else in the process proxies: a new TCP/TLS handshake per call would cost more than the
  // rest of the proxying.
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  const etags =
    spec.etags && options.etagCache
      ? new ProxyEtagCache(options.etagCache, spec.requestHeaders)
      : undefined;
  const faults = { logger, metrics, api: spec };

  const guard: RequestHandler = async (req, res, next) => {
    if (!methods.has(req.method)) {
      throw new HttpError(405, "method_not_allowed", `${req.method} is not allowed here.`, {
        Allow: [...methods].join(", "),
      });
    }
    checkProxyPath(req.url, spec.label);
    const session = await requireSession(sessions, req, res);
    const refusal = spec.refusal(session);
    if (refusal !== undefined) throw new HttpError(403, "wrong_provider", refusal);
    sessionOf.set(req, session);
    // The proxy builds the upstream request from `req.headers`, whatever the request's shape
    // (it skips its own request hook on some, as with `Expect`), so they are swapped for the
    // upstream ones here and given back once that request exists.
    clientHeadersOf.set(req, req.headers);
    req.headers = toUpstream(req.headers, req.method, session.token.accessToken, spec);
    etags?.request(req, session, apiBase + req.url);
    next();
  };

  /** The API's answer has begun: clean it for the browser, or refuse it. */
  function onAnswer(proxyRes: IncomingMessage, req: IncomingMessage, res: ServerResponse): void {
    if (!isFinalAnswer(proxyRes)) {
      refuseAnswer(faults, req, res, proxyRes, `${spec.label} answered ${proxyRes.statusCode}`);
      return;
    }
    metrics.upstream(spec.id, proxyRes.statusCode ?? "error");
    // Never relayed: clients must not rely on it (RFC 9112 §4), and one holding a byte Node
    // refuses to write would throw in the middle of the relay. Node writes the standard one.
    proxyRes.statusMessage = "";
    const headers = proxyRes.headers;
    fromUpstream(headers, res);
    if (typeof headers.link === "string") {
      headers.link = headers.link.split(apiBase).join(mountPath);
    }
    if (typeof headers.location === "string") {
      headers.location = locationThroughGateway(headers.location, req.url ?? "", location);
    }
    // The provider no longer accepts this token: the session is over, everywhere. end()
    // clears the cookie before it returns; the revocation completes in the background.
    if (proxyRes.statusCode === 401 && spec.endsSessionOn401) {
      sessions.sessions.end(res, sessionOf.get(req)).catch((err: unknown) => {
        try {
          requestLog(logger, req).warn(
            { api: spec.id, err: { message: String(err) } },
            "could not revoke the session after the API's 401",
          );
        } catch {
          // Nothing left to tell, and no one to tell it to: the answer has gone its way.
        }
      });
    }
    etags?.response(proxyRes, req, res);
  }

  /** The API's answer never came, broke off, or was refused on the way. */
  function onFailure(err: Error, req: IncomingMessage, res: ServerResponse | Socket): void {
    // A socket only for WebSocket upgrades, which this proxy does not take.
    if (!("setHeader" in res)) return;
    restoreClientHeaders(req);
    answerFailure(faults, err, req, res, timedOut.has(req));
  }

  const proxy = createProxyMiddleware<IncomingMessage, ServerResponse>({
    target: target.toString(),
    changeOrigin: true,
    agent,
    // Only the `on` handlers below. The logger plugin parses a URL for every answer to build a
    // line for a logger that writes nothing (the gateway logs requests itself); the error
    // plugin adds listeners per request for what httpxy already does (destroying the API's
    // answer when the client goes, guarding the answer's errors) and what `error` below does.
    ejectPlugins: true,
    plugins: [proxyEventsPlugin],
    proxyTimeout: options.timeoutMs,
    on: {
      // Nothing sent upstream depends on this hook: the headers are already on their way.
      proxyReq(proxyReq, req, res) {
        try {
          restoreClientHeaders(req);
          proxyReq.on("timeout", () => timedOut.add(req));
          proxyReq.on("upgrade", refuseUpgrade);
        } catch (err) {
          containFault(faults, err, req, res);
        }
      },
      proxyRes(proxyRes, req, res) {
        try {
          onAnswer(proxyRes, req, res);
        } catch (err) {
          containFault(faults, err, req, res, proxyRes);
        }
      },
      error(err, req, res) {
        try {
          onFailure(err, req, res);
        } catch (thrown) {
          containFault(faults, thrown, req, res);
        }
      },
    },
  });

  return [requireCsrf(options.publicUrl), guard, proxy];
}
