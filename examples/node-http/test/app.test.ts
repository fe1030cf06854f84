import { once } from "node:events";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createServer } from "../src/app.js";
import { parseConfig } from "../src/config.js";

const config = parseConfig({
  GITHUB_URL: "http://github.test",
  GITHUB_CLIENT_ID: "mock-client-id",
  GITHUB_CLIENT_SECRET: "mock-client-secret",
});
const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    const closed = once(server, "close");
    server.close();
    server.closeAllConnections(); // fetch keeps connections alive
    await closed;
  }
});

/** createServer() does not listen: a test (or another entry point) picks where. */
async function listen(): Promise<string> {
  const server = createServer(config);
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// Nothing here reaches GitHub, since building the authorization URL needs no request.
describe("createServer, in-process", () => {
  it("when / is asked with no session, then it offers the sign-in link", async () => {
    const response = await fetch(`${await listen()}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<a href="/login">Sign in with GitHub</a>');
  });

  it("when /login is asked, then it redirects to GitHub with state and S256 PKCE", async () => {
    const response = await fetch(`${await listen()}/login`, { redirect: "manual" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("http://github.test/login/oauth/authorize");
    expect(location.searchParams.get("redirect_uri")).toBe("http://localhost:3000/callback");
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    expect(response.headers.get("set-cookie")).toContain(
      `login_state=${location.searchParams.get("state")}`,
    );
  });

  it("when the request target is not a path, then it is a 400", async () => {
    const url = new URL(await listen());
    // fetch always sends a path; a raw request can send anything.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request({ host: url.hostname, port: url.port, path: "//evil.example/x" }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
        .on("error", reject)
        .end();
    });
    expect(status).toBe(400);
  });
});
