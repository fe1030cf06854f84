import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidUpstreamAnswerError } from "../src/api/upstream-answer.js";
import { ConfigError } from "../src/config.js";
import { GatewayError } from "../src/errors.js";
import { errorHandler, HttpError } from "../src/http/errors.js";
import { RefreshFailedError } from "../src/session/refresh.js";
import { CookieTooLargeError } from "../src/session/sealed-cookie.js";
import { StoreUnavailableError } from "../src/session/store-contract.js";
import { StoreOpenError } from "../src/stores/sqlite-database.js";
import { jsonLogger } from "./support/logs.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

/** What the gateway's error handler answers when a route throws `err`, and what it logged. */
async function answerTo(err: unknown) {
  const { logger, lines } = jsonLogger();
  const app = express();
  app.get("/", () => {
    throw err;
  });
  app.use(errorHandler(logger));
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/`);
  const text = await response.text();
  return { response, text, body: JSON.parse(text) as { error: string; message: string }, lines };
}

/** A kind of failure the handler has never heard of by name. */
class QuotaError extends GatewayError {
  readonly status = 429;
  readonly code = "quota_exceeded";
  readonly expose = false;
}

const SERVER_MESSAGE = "Something went wrong on our side.";

describe("gateway errors", () => {
  it.each([
    [
      "HttpError",
      new HttpError(405, "method_not_allowed", "DELETE is not allowed here.", { Allow: "GET" }),
      405,
      "method_not_allowed",
      "DELETE is not allowed here.",
    ],
    [
      "StoreUnavailableError",
      new StoreUnavailableError("users.get", new Error("connect ECONNREFUSED 10.0.0.7:6379")),
      503,
      "store_unavailable",
      "Sessions cannot be checked right now. Please retry shortly.",
    ],
    [
      "StoreOpenError",
      new StoreOpenError("/srv/private/latchkey.db", "disk I/O error"),
      500,
      "store_open_failed",
      SERVER_MESSAGE,
    ],
    [
      "InvalidUpstreamAnswerError",
      new InvalidUpstreamAnswerError("GitHub switched protocols on a request asking for none"),
      502,
      "invalid_upstream_answer",
      SERVER_MESSAGE,
    ],
    [
      "ConfigError",
      new ConfigError(["SESSION_SECRET: must be at least 32 characters"]),
      500,
      "invalid_config",
      SERVER_MESSAGE,
    ],
    [
      "CookieTooLargeError",
      new CookieTooLargeError("__Host-latchkey.session", 5123),
      500,
      "session_too_large",
      SERVER_MESSAGE,
    ],
    [
      "RefreshFailedError",
      new RefreshFailedError(new Error("invalid_grant for ghr_secretrefresh")),
      401,
      "session_expired",
      "Your session has expired. Sign in again.",
    ],
    [
      "a GatewayError the handler does not name",
      new QuotaError("tenant 42 over quota"),
      429,
      "quota_exceeded",
      "The request is not valid.",
    ],
  ] as const)(
    "when a route throws a %s, then it answers its own status and code",
    async (name, err, status, code, message) => {
      expect(err).toBeInstanceOf(GatewayError);
      if (name !== "a GatewayError the handler does not name") expect(err.name).toBe(name);
      const { response, body } = await answerTo(err);
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(body).toEqual({ error: code, message });
    },
  );

  it("when a store is unavailable, then the answer says when to retry", async () => {
    const { response } = await answerTo(new StoreUnavailableError("isRevoked"));
    expect(response.headers.get("retry-after")).toBe("1");
  });

  it("when an HttpError carries headers, then the answer has them", async () => {
    const { response } = await answerTo(
      new HttpError(405, "method_not_allowed", "No.", { Allow: "GET, HEAD" }),
    );
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });

  it.each([
    [
      "StoreUnavailableError",
      new StoreUnavailableError("users.get", new Error("connect ECONNREFUSED 10.0.0.7:6379")),
      ["users.get", "ECONNREFUSED", "10.0.0.7"],
    ],
    [
      "StoreOpenError",
      new StoreOpenError("/srv/private/latchkey.db", "disk I/O error"),
      ["/srv/private", "disk I/O"],
    ],
    [
      "InvalidUpstreamAnswerError",
      new InvalidUpstreamAnswerError("GitHub switched protocols"),
      ["switched protocols"],
    ],
    [
      "ConfigError",
      new ConfigError(["SESSION_SECRET: must be at least 32 characters"]),
      ["SESSION_SECRET", "32"],
    ],
    [
      "CookieTooLargeError",
      new CookieTooLargeError("__Host-latchkey.session", 5123),
      ["__Host-latchkey.session", "5123"],
    ],
    ["QuotaError", new QuotaError("tenant 42 over quota"), ["tenant 42"]],
  ] as const)(
    "when a %s (not exposed) ends a request, then its message and cause never reach the body",
    async (_name, err, secrets) => {
      expect(err.expose).toBe(false);
      const { text } = await answerTo(err);
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    },
  );

  it("when a RefreshFailedError ends a request, then its message is shown but never its cause", async () => {
    const { text } = await answerTo(
      new RefreshFailedError(new Error("invalid_grant for ghr_secretrefresh")),
    );
    expect(text).not.toContain("ghr_");
    expect(text).not.toContain("invalid_grant");
  });

  it("when a non-exposed error ends a request, then the log keeps its message and code", async () => {
    const { lines } = await answerTo(new CookieTooLargeError("latchkey.session", 5123));
    const line = lines.find((entry) => entry.msg === "session_too_large");
    expect(line).toMatchObject({ level: 50, err: { message: expect.stringContaining("5123") } });
  });

  it("when a dependency is down, then the log is a warning naming the operation", async () => {
    const { lines } = await answerTo(new StoreUnavailableError("users.get"));
    const line = lines.find((entry) => entry.msg === "store_unavailable");
    expect(line).toMatchObject({
      level: 40,
      err: { message: expect.stringContaining("users.get") },
    });
  });

  it("when a route throws something unknown, then it is a bare 500 without its message or stack", async () => {
    const err = new Error("boom: token gho_leaked in /srv/app/src/secret.ts");
    const { response, body, text, lines } = await answerTo(err);
    expect(response.status).toBe(500);
    expect(body).toEqual({ error: "internal_error", message: SERVER_MESSAGE });
    expect(text).not.toContain("gho_leaked");
    expect(text).not.toContain("secret.ts");
    expect(lines.some((entry) => entry.msg === "unhandled error" && entry.level === 50)).toBe(true);
  });
});
