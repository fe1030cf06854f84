import {
  createServer as createHttpServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
} from "node:http";
import {
  type Config,
  createSignIn,
  handleFailure,
  logLine,
  logToStderr,
  PATHS,
  type SignInOptions,
} from "@latchkey/example-shared";
import { errorReply, type Reply, send } from "./replies.js";
import { createRoutes, type Handler } from "./routes.js";

/** The example as a `node:http` server, not yet listening: `server.ts` listens, tests may too. */
export function createServer(config: Config, options: SignInOptions = {}): Server {
  return createHttpServer(createRequestListener(config, options));
}

export function createRequestListener(
  config: Config,
  options: SignInOptions = {},
): RequestListener {
  const log = options.log ?? logToStderr;
  const { home, login, callback, logout } = createRoutes(createSignIn(config, options));
  // Path → method → handler. A path listed here with another method is a 405, not a 404.
  const routes = new Map<string, Record<string, Handler>>([
    [PATHS.home, { GET: home, HEAD: home }],
    [PATHS.login, { GET: login }],
    [PATHS.callback, { GET: callback }],
    [PATHS.logout, { POST: logout }],
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
        const failure = handleFailure(error, `${req.method} ${url.pathname}`, log);
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
