// Real HTTP over a socket: no msw interception in this file.
import { request as httpRequest } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type MockGitHubServer, startMockGitHubServer } from "../src/index.js";
import { targetRequests, timed } from "./fault-targets.js";
import { json } from "./helpers.js";

let server: MockGitHubServer;

beforeAll(async () => {
  server = await startMockGitHubServer({ port: 0 });
});
afterEach(() => server.mock.reset());
afterAll(() => server.close());

function setFault(body: Record<string, unknown>): Promise<Response> {
  return fetch(`${server.url}/_mock/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** A GET with node:http, to see the socket error the way Node clients report it. */
function rawGet(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("faults over HTTP", () => {
  it("when a reset fault is on, then fetch rejects on a reset connection and the next request is served", async () => {
    const send = await targetRequests(server.mock, server.url).user.prepare();
    expect((await setFault({ target: "user", kind: "reset", times: 1 })).status).toBe(204);
    const error = await send().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).cause).toMatchObject({ code: "ECONNRESET" });
    expect((await send()).status).toBe(200);
  });

  it("when a reset fault is on, then a node:http client sees ECONNRESET", async () => {
    server.mock.faults.set("api", { kind: "reset", times: 1 });
    await expect(rawGet("/api/v3/rate_limit")).rejects.toMatchObject({ code: "ECONNRESET" });
    await expect(rawGet("/api/v3/rate_limit")).resolves.toBe(200);
  });

  it("when a slow fault is set over HTTP, then the real response comes no earlier than the delay", async () => {
    const send = await targetRequests(server.mock, server.url).token.prepare();
    expect((await setFault({ target: "token", kind: "slow", delayMs: 150 })).status).toBe(204);
    const { response, elapsed } = await timed(send);
    expect(response.status).toBe(200);
    expect((await json(response)).access_token).toMatch(/^gho_/);
    expect(elapsed).toBeGreaterThanOrEqual(149);
  });

  it("when the client gives up during a slow fault, then the server keeps serving", async () => {
    server.mock.faults.set("api", { kind: "slow", delayMs: 200, times: 1 });
    await expect(
      fetch(`${server.url}/api/v3/rate_limit`, { signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await fetch(`${server.url}/api/v3/rate_limit`)).status).toBe(200);
  });

  it("when an html fault is on, then the real response is text/html", async () => {
    await setFault({ target: "authorize", kind: "html" });
    await setFault({ target: "api", kind: "html" });
    const response = await fetch(`${server.url}/api/v3/rate_limit`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toContain("<h1>Unicorn!</h1>");
  });

  it("when the switches are used over HTTP, then GET lists and DELETE clears them", async () => {
    await setFault({ target: "user", kind: "status", status: 502 });
    await setFault({ target: "token", kind: "bad-json", times: 3 });
    expect(await json(await fetch(`${server.url}/_mock/faults`))).toEqual([
      { target: "user", fault: { kind: "status", status: 502 } },
      { target: "token", fault: { kind: "bad-json", times: 3 } },
    ]);
    const cleared = await fetch(`${server.url}/_mock/faults/user`, { method: "DELETE" });
    expect(cleared.status).toBe(204);
    expect(server.mock.faults.list().map((entry) => entry.target)).toEqual(["token"]);
    expect((await fetch(`${server.url}/_mock/faults`, { method: "DELETE" })).status).toBe(204);
    expect(server.mock.faults.list()).toEqual([]);
  });

  it("when a fault is invalid, then the HTTP answer is 400 invalid_fault", async () => {
    const response = await setFault({ target: "token", kind: "slow", delayMs: 999_999 });
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({
      error: "invalid_fault",
      message: '"delayMs" must be an integer from 0 to 120000',
    });
  });
});
