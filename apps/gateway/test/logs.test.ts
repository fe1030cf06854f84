import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { rawRequest } from "./hostile/support.js";
import { TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { jsonLogger } from "./support/logs.js";
import { useMockGitHub } from "./support/network.js";

useMockGitHub();

function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: "trace" }, stream), text: () => lines.join("") };
}

describe("logs (A7, B4)", () => {
  it("when a whole session runs, then no code, state, verifier, token or cookie reaches the log", async () => {
    const { logger, text } = capturedLogger();
    const gateway = await startGateway({}, { logger });
    const browser = new TestBrowser(gateway.url);
    const authorize = await browser.startLogin("/restricted");
    const callback = await browser.consent(authorize, { login: "octocat" });
    const params = new URL(callback, gateway.url).searchParams;
    await browser.get(callback);
    await browser.get("/api/me");
    await browser.get("/api/github/user/repos", { "x-csrf": "1" });
    const sealed = browser.sessionCookie() ?? "";
    await browser.post("/auth/logout", { "x-csrf": "1" });

    const log = text();
    expect(log).toContain("/auth/github/callback"); // the requests were logged…
    for (const secret of [params.get("code"), params.get("state"), sealed.slice(0, 40)]) {
      expect(secret).toBeTruthy();
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/gh[opusr]_[A-Za-z0-9]{20,}/);
    expect(log).not.toContain("mock-client-secret");
    expect(log).toContain("[redacted]");
  });

  it.each([
    ["//evil.example/api/github/user", "//evil.example/api/github/user"],
    ["//evil.example/api/me?code=c0de&page=2", "//evil.example/api/me?code=[redacted]&page=2"],
    ["/api/github/../me?state=s7", "/api/github/../me?state=[redacted]"],
  ])(
    "when the request target is %s, then the access log records it as it arrived, secrets redacted",
    async (target, logged) => {
      const { logger, lines } = jsonLogger();
      const gateway = await startGateway({}, { logger });
      await rawRequest(gateway.url, target);
      await expect
        .poll(() => lines.find((line) => line.msg === "request completed"))
        .toMatchObject({ req: { url: logged } });
    },
  );

  it("when someone not signed in asks /api/me, then the 401 is a debug line without request headers", async () => {
    const { logger, lines } = jsonLogger();
    const gateway = await startGateway({}, { logger });
    const answer = await fetch(`${gateway.url}/api/me`, { headers: { "user-agent": "the-spa" } });
    expect(answer.status).toBe(401);
    await expect
      .poll(() => lines.find((l) => l.msg === "request completed"))
      .toMatchObject({ level: 20, req: { url: "/api/me" }, res: { statusCode: 401 } });
    const logged = lines.find((l) => l.msg === "request completed");
    expect(logged?.req).not.toHaveProperty("headers");
    expect(JSON.stringify(lines)).not.toContain("the-spa");
  });

  it("when someone not signed in asks /api/me, then a gateway at the default level writes nothing", async () => {
    const { logger, lines } = jsonLogger("info");
    const gateway = await startGateway({}, { logger });
    expect((await fetch(`${gateway.url}/api/me`)).status).toBe(401);
    await fetch(`${gateway.url}/healthz`);
    await expect.poll(() => lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => (l.res as { statusCode?: number })?.statusCode === 401)).toEqual([]);
  });

  it("when a credential is refused with a 401, then it stays a warning an operator sees", async () => {
    const { logger, lines } = jsonLogger("info");
    const gateway = await startGateway({ METRICS_TOKEN: "metrics-token-0123456789" }, { logger });
    const answer = await fetch(`${gateway.url}/metrics`, {
      headers: { authorization: "Bearer wrong" },
    });
    expect(answer.status).toBe(401);
    await expect
      .poll(() => lines.find((l) => l.msg === "request completed"))
      .toMatchObject({
        level: 40,
        req: { url: "/metrics", headers: {} },
        res: { statusCode: 401 },
      });
  });
});
