import { Agent, createServer as createHttpServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { githubBase, useMockGitHub } from "./support/network.js";
import { developmentEnv, freePort, startGatewayProcess, waitForHealth } from "./support/process.js";
import { rawExchange } from "./support/raw-http.js";

useMockGitHub();

describe("server", () => {
  it("when production starts without its secrets, then it stops with every problem named", async () => {
    const server = startGatewayProcess({ NODE_ENV: "production" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain("SESSION_SECRET: required in production");
    expect(server.output()).toContain("at least one sign-in provider is required in production");
    expect(server.output()).toContain("PUBLIC_URL: required in production");
    expect(server.output()).not.toMatch(/at .*\.ts:\d+/);
  }, 20_000);

  it("when development starts without a secret, then it makes one up, says so, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const server = startGatewayProcess({
      NODE_ENV: "development",
      PORT: String(port),
      HOST: "127.0.0.1",
      GITHUB_CLIENT_ID: "",
    });
    const health = await waitForHealth(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    // Pretty logs go through a worker thread: they may land just after the server answers.
    await expect.poll(() => server.output()).toContain("SESSION_SECRET is not set");
    await expect.poll(() => server.output()).toContain("mock GitHub");
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 30_000);

  it("when a raw request target is // or another form no URL parser takes, then the process refuses it with a 400 and stays up", async () => {
    const port = await freePort();
    const server = startGatewayProcess(developmentEnv(port, githubBase(), {}));
    try {
      await waitForHealth(`http://127.0.0.1:${port}/healthz`);
      for (const target of ["//", "///", "//?x", "//a^b", "*"]) {
        const answer = await rawExchange(
          port,
          `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
        );
        expect(answer.head, target).toMatch(/^HTTP\/1\.1 400 /);
        // The access log runs after the answer: give it the moment it needs to fail, if it can.
        await new Promise((r) => setTimeout(r, 50));
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status, target).toBe(200);
      }
      expect(server.child.exitCode).toBeNull();
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  }, 30_000);

  it("when Redis is down as the process starts, then it keeps serving its public routes and stops cleanly", async () => {
    const [port, deadRedisPort] = [await freePort(), await freePort()];
    const url = `http://127.0.0.1:${port}`;
    const server = startGatewayProcess(
      developmentEnv(port, githubBase(), { REDIS_URL: `redis://127.0.0.1:${deadRedisPort}` }),
    );
    expect((await waitForHealth(`${url}/healthz`)).status).toBe(200);
    // Sign-in pages go through the Redis-backed rate limiter, which falls back to memory.
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${url}/auth/providers`)).status).toBe(200);
    }
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    await new Promise((r) => setTimeout(r, 500));
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/unhandled|ERR_UNHANDLED_REJECTION/i);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 30_000);

  it("when SIGTERM arrives with a slow request in flight, then readiness drops, the request finishes, idle sockets close and it exits (D4)", async () => {
    // A real upstream API: /user answers at once (for the sign-in), /slow after 1.5 s.
    const upstream = createHttpServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.url === "/user")
        res.end(JSON.stringify({ id: 1, login: "octocat", email: "o@x.io" }));
      else setTimeout(() => res.end(JSON.stringify({ slow: true })), 1_500);
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const apiPort = (upstream.address() as AddressInfo).port;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = startGatewayProcess(
      developmentEnv(port, githubBase(), {
        GITHUB_API_URL: `http://127.0.0.1:${apiPort}`,
        SHUTDOWN_GRACE_MS: "800",
        SHUTDOWN_TIMEOUT_MS: "8000",
      }),
    );
    try {
      await waitForHealth(`${url}/healthz`);
      const browser = new TestBrowser(url);
      expect((await browser.signIn()).headers.get("location")).toBe("/restricted");

      // An idle keep-alive connection, parked in an agent.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const idleClosed = new Promise<void>((resolve) => {
        const req = request(`${url}/healthz`, { agent }, (res) => {
          res.resume();
          res.on("end", () => req.socket?.once("close", () => resolve()));
        });
        req.end();
      });
      await new Promise((r) => setTimeout(r, 100));

      const inFlight = browser.get("/api/github/slow", { "x-csrf": "1" });
      await new Promise((r) => setTimeout(r, 200));
      const signalledAt = Date.now();
      server.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 200));

      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "shutting_down" });

      const slow = await inFlight;
      expect(slow.status).toBe(200);
      expect(await slow.json()).toEqual({ slow: true });
      await idleClosed;
      expect(await server.exited).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(8_000);
      agent.destroy();
    } finally {
      upstream.closeAllConnections();
      upstream.close();
    }
  }, 30_000);
});
