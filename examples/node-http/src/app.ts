import {
  createServer as createHttpServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
} from "node:http";
import { github } from "@latchkey/oauth-core";
import type { Config } from "./config.js";
import { describeFailure, logLine } from "./failures.js";
import { errorReply, type Reply, send } from "./replies.js";
import { createRoutes, type Handler } from "./routes.js";
import { createStores, type Stores } from "./sessions.js";

export interface AppOptions {
  /** Default: fresh in-memory stores. */
  stores?: Stores;
  /** Where operator messages go; default stderr. */
  log?: (line: string) => void;
}

/** The example as a `node:http` server, not yet listening: `server.ts` listens, tests may too. */
export function createServer(config: Config, options: AppOptions = {}): Server {
  return createHttpServer(createRequestListener(config, options));
}

export function createRequestListener(config: Config, options: AppOptions = {}): RequestListener {
  const log = options.log ?? ((line: string) => console.error(line));
  const provider = github({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    url: config.githubUrl,
  });
  const { home, login, callback, logout } = createRoutes({
    config,
    provider,
    stores: options.stores ?? createStores(),
    log,
  });
  // Path → method → handler. A path listed here with another method is a 405, not a 404.
  const routes = new Map<string, Record<string, Handler>>([
    ["/", { GET: home, HEAD: home }],
    ["/login", { GET: login }],
    ["/callback", { GET: callback }],
    ["/logout", { POST: logout }],
  ]);

  return (req, res) => {
    const setCookies: string[] = [];
    const answer = async (): Promise<Reply> => {
      const url = requestUrl(req, config.publicUrl);
      if (!url) return errorReply(400, "Bad request", "The request target is not a path.");
      const methods = routes.get(url.pathname);
      if (!methods) return errorReply(404, "Not found", "There is no page at this address.");
      const handler = methods[req.method ?? ""];
      if (!handler) {
        const allow = Object.keys(methods).join(", ");
        const reply = errorReply(405, "Method not allowed", `Use ${allow}.`);
        return { ...reply, headers: { ...reply.headers, allow } };
      }
      try {
        return await handler({ req, url, setCookies });
      } catch (error) {
        const failure = describeFailure(error);
        // 4xx are the browser's doing and answered in full on the page; the rest need a look.
        if (failure.status >= 500) log(`${req.method} ${url.pathname}: ${logLine(error)}`);
        return errorReply(failure.status, failure.title, failure.message);
      }
    };
    // Every request gets an answer, even when this server has a bug: never a hang.
    void answer()
      .catch((error: unknown) => {
        log(`${req.method} ${req.url}: ${logLine(error)}`);
        return errorReply(500, "Something went wrong", "This server failed to handle the request.");
      })
      .then((reply) => send(res, reply, setCookies));
  };
}

/**
 * Only origin-form targets ("/path?query"). Resolving anything else against our origin could
 * pick up another host ("//evil.example/") or be meaningless ("*").
 */
function requestUrl(req: IncomingMessage, publicUrl: URL): URL | undefined {
  const target = req.url ?? "";
  if (!target.startsWith("/") || target.startsWith("//")) return undefined;
  return URL.canParse(target, publicUrl.href) ? new URL(target, publicUrl) : undefined;
}
