import { Agent, createServer } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";

/**
 * The references every ratio is taken against, each run as its own process (so it does not
 * share an event loop with the load generator): `bare-http`, `bare-express`, `bare-proxy`,
 * and the fast upstream standing in for the GitHub API.
 *
 *   tsx src/targets.ts <kind> <port>   (BODY: the JSON to answer; UPSTREAM: the proxy's target)
 */

const GITHUB_USER = {
  login: "octocat",
  id: 583231,
  node_id: "MDQ6VXNlcjU4MzIzMQ==",
  avatar_url: "https://avatars.githubusercontent.com/u/583231?v=4",
  gravatar_id: "",
  url: "https://api.github.com/users/octocat",
  html_url: "https://github.com/octocat",
  type: "User",
  site_admin: false,
  name: "The Octocat",
  company: "@github",
  blog: "https://github.blog",
  location: "San Francisco",
  // Public, so sign-in never needs /user/emails.
  email: "octocat@github.com",
  hireable: null,
  bio: null,
  public_repos: 8,
  public_gists: 8,
  followers: 9000,
  following: 9,
  created_at: "2011-01-25T18:44:36Z",
  updated_at: "2024-01-22T12:00:00Z",
};

const ETAG = '"octocat-v1"';

function bareHttp(body: string) {
  return createServer((_req, res) => {
    res.writeHead(200, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  });
}

function bareExpress(body: string) {
  const app = express();
  app.disable("x-powered-by");
  app.get("/api/me", (_req, res) => {
    res.type("json").send(body);
  });
  return createServer(app);
}

/**
 * The http-proxy-middleware the gateway depends on, resolved from the gateway's folder: the
 * reference must be the same release, whatever else is installed beside the bench.
 */
async function gatewaysProxyMiddleware(): Promise<typeof import("http-proxy-middleware")> {
  const gateway = fileURLToPath(new URL("../../apps/gateway/package.json", import.meta.url));
  const entry = createRequire(gateway).resolve("http-proxy-middleware");
  return import(pathToFileURL(entry).href);
}

/**
 * Express 5 and http-proxy-middleware as their READMEs set them up, with a keep-alive agent
 * and none of the gateway's checks (session, CSRF, path, header rules). Its logger plugin is
 * left out as the gateway leaves it out: it only builds lines for a logger that writes
 * nothing, so the ratio to this is what the checks cost.
 */
async function bareProxy(upstreamOrigin: string) {
  const { createProxyMiddleware, debugProxyErrorsPlugin, errorResponsePlugin, proxyEventsPlugin } =
    await gatewaysProxyMiddleware();
  const app = express();
  app.disable("x-powered-by");
  app.use(
    "/api/github",
    createProxyMiddleware({
      target: upstreamOrigin,
      changeOrigin: true,
      agent: new Agent({ keepAlive: true }),
      ejectPlugins: true,
      plugins: [debugProxyErrorsPlugin, proxyEventsPlugin, errorResponsePlugin],
    }),
  );
  return createServer(app);
}

/** GitHub's `/user` (and a 404 elsewhere), keep-alive, nothing else: as fast as node:http goes. */
function upstream() {
  const user = JSON.stringify(GITHUB_USER);
  return createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === "/user") {
      // As GitHub does: a matching If-None-Match is a 304 (and free of its rate limit).
      if (req.headers["if-none-match"] === ETAG) {
        res.writeHead(304, { etag: ETAG });
        res.end();
        return;
      }
      res.writeHead(200, {
        "content-type": "application/json; charset=utf-8",
        "content-length": Buffer.byteLength(user),
        etag: ETAG,
      });
      res.end(user);
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end('{"message":"Not Found"}');
  });
}

const [kind, port] = process.argv.slice(2);
const body = process.env.BODY ?? '{"ok":true}';
const server =
  kind === "bare-http"
    ? bareHttp(body)
    : kind === "bare-express"
      ? bareExpress(body)
      : kind === "bare-proxy"
        ? await bareProxy(process.env.UPSTREAM ?? "")
        : upstream();
server.keepAliveTimeout = 65_000;
server.listen(Number(port), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
