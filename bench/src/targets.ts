import { createServer } from "node:http";
import express from "express";

/**
 * The references every ratio is taken against, each run as its own process (so it does not
 * share an event loop with the load generator): `bare-http`, `bare-express`, and the fast
 * upstream standing in for the GitHub API.
 *
 *   tsx src/targets.ts <kind> <port>   (BODY: the JSON to answer)
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
  kind === "bare-http" ? bareHttp(body) : kind === "bare-express" ? bareExpress(body) : upstream();
server.keepAliveTimeout = 65_000;
server.listen(Number(port), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
