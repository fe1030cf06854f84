import { once } from "node:events";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { expectLoginRedirect, IN_PROCESS_CONFIG } from "@latchkey/example-shared/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { createServer } from "../src/app.js";

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
  const server = createServer(IN_PROCESS_CONFIG);
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
    expectLoginRedirect(await fetch(`${await listen()}/login`, { redirect: "manual" }));
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
