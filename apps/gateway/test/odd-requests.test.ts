import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { githubBase, useMockGitHub } from "./support/network.js";
import {
  freePort,
  type GatewayProcess,
  startGatewayProcess,
  waitForHealth,
} from "./support/process.js";

useMockGitHub();

/** One odd request and what a running production gateway must make of it. */
interface Odd {
  /** Sent byte for byte (latin1), as a client that skips every HTTP rule would. */
  bytes: string;
  /** The status, with the JSON error code of 4xx answers; none: the connection just closes. */
  expect: { status: number; error?: string; location?: RegExp } | "closed";
  /** The client closes its side once the bytes are written. */
  hangUp?: boolean;
}

const CLOSE = "Host: localhost\r\nConnection: close\r\n";
const get = (target: string, headers = "") => `GET ${target} HTTP/1.1\r\n${CLOSE}${headers}\r\n`;
const bad = { status: 400, error: "bad_request" };
const unauthenticated = { status: 401, error: "unauthenticated" };
const tooLarge = { status: 431, error: "headers_too_large" };
const notFound = { status: 404, error: "not_found" };
const toProvider = {
  status: 302,
  location: /^http:\/\/127\.0\.0\.1:\d+\/login\/oauth\/authorize\?/,
};

const CORPUS: Record<string, Odd> = {
  "//": { bytes: get("//"), expect: bad },
  "///": { bytes: get("///"), expect: bad },
  "//?x": { bytes: get("//?x"), expect: bad },
  "//a^b": { bytes: get("//a^b"), expect: bad },
  "//evil.example/api/github/user": { bytes: get("//evil.example/api/github/user"), expect: bad },
  "/%": { bytes: get("/%"), expect: bad },
  "/%zz": { bytes: get("/%zz"), expect: bad },
  "/%00": { bytes: get("/%00"), expect: bad },
  "/..%2f": { bytes: get("/..%2f"), expect: notFound },
  "OPTIONS *": { bytes: `OPTIONS * HTTP/1.1\r\n${CLOSE}\r\n`, expect: notFound },
  "GET *": { bytes: get("*"), expect: bad },
  "absolute-form http://evil/": { bytes: get("http://evil/"), expect: bad },
  "absolute-form http://evil/api/me": { bytes: get("http://evil/api/me"), expect: bad },
  "authority-form CONNECT a:443": {
    bytes: "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n",
    expect: "closed",
  },
  "a 64 KiB target": { bytes: get(`/${"a".repeat(64 * 1024)}`), expect: tooLarge },
  "non-ASCII bytes in the target": { bytes: get("/caf\xc3\xa9/\xff\x80"), expect: bad },
  "non-ASCII bytes in a header": {
    bytes: get("/api/me", "X-Name: caf\xc3\xa9\xff\r\n"),
    expect: unauthenticated,
  },
  "/api/me?%": { bytes: get("/api/me?%"), expect: unauthenticated },
  "/auth/github/callback?code=%&state=%": {
    bytes: get("/auth/github/callback?code=%&state=%"),
    expect: { status: 302, location: /^\/login\?error=/ },
  },
  "/auth/github/login?returnTo=//evil": {
    bytes: get("/auth/github/login?returnTo=//evil"),
    expect: toProvider,
  },
  "an obs-fold header line": { bytes: get("/api/me", "X-Folded: a\r\n  b\r\n"), expect: bad },
  "a header with NUL": { bytes: get("/api/me", "X-Nul: a\0b\r\n"), expect: bad },
  "a header with a bare CR": { bytes: get("/api/me", "X-Cr: a\rb\r\n"), expect: bad },
  "duplicate Content-Length": {
    bytes: `POST /api/me HTTP/1.1\r\n${CLOSE}Content-Length: 2\r\nContent-Length: 2\r\n\r\nab`,
    expect: bad,
  },
  "Transfer-Encoding + Content-Length": {
    bytes: `POST /api/me HTTP/1.1\r\n${CLOSE}Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n`,
    expect: bad,
  },
  "Transfer-Encoding: chunked, identity": {
    bytes: `POST /api/me HTTP/1.1\r\n${CLOSE}Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n`,
    expect: bad,
  },
  "a huge Cookie": {
    bytes: get("/api/me", `Cookie: a=${"x".repeat(70_000)}\r\n`),
    expect: tooLarge,
  },
  "a cookie with invalid percent-encoding": {
    bytes: get("/api/me", "Cookie: latchkey.session=%E0%A4%A; __Host-latchkey.session=%zz\r\n"),
    expect: unauthenticated,
  },
  "Host: empty": {
    bytes: "GET /api/me HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n",
    expect: bad,
  },
  "two Host headers": {
    bytes: "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
    expect: bad,
  },
  "Host: [::1": {
    bytes: "GET /api/me HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n",
    expect: unauthenticated,
  },
  "Host: [::1 on a sign-in": {
    bytes: "GET /auth/github/login HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n",
    expect: toProvider,
  },
  "an HTTP/1.0 request": { bytes: "GET /api/me HTTP/1.0\r\n\r\n", expect: unauthenticated },
  "HTTP/2 preface bytes": {
    bytes: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00",
    expect: bad,
  },
  "a TLS ClientHello": {
    bytes: `\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03${"\x42".repeat(32)}\x00\x00\x02\x13\x01\x01\x00`,
    expect: bad,
  },
  "an incomplete request, then close": {
    bytes: "GET /api/me HTTP/1.1\r\nHost: lo",
    hangUp: true,
    expect: "closed",
  },
  "method FOO": { bytes: `FOO /api/me HTTP/1.1\r\n${CLOSE}\r\n`, expect: bad },
  "method PRI": { bytes: `PRI /api/me HTTP/1.1\r\n${CLOSE}\r\n`, expect: bad },
  "method TRACE": { bytes: `TRACE /api/me HTTP/1.1\r\n${CLOSE}\r\n`, expect: notFound },
  "Expect: teapot": {
    bytes: get("/api/me", "Expect: teapot\r\n"),
    expect: { status: 417, error: "expectation_failed" },
  },
  "Upgrade: websocket on the proxy": {
    bytes: get(
      "/api/github/user",
      "Upgrade: websocket\r\nSec-WebSocket-Key: eA==\r\nSec-WebSocket-Version: 13\r\n",
    ),
    expect: { status: 403, error: "csrf_header_missing" },
  },
  "800 small headers": {
    bytes: get("/api/me", Array.from({ length: 800 }, (_, i) => `h${i}:1\r\n`).join("")),
    expect: unauthenticated,
  },
  "4 000 headers": {
    bytes: get("/api/me", Array.from({ length: 4_000 }, (_, i) => `x-h${i}: 1\r\n`).join("")),
    expect: tooLarge,
  },
};

/** Writes the bytes on a fresh connection; everything the server sent until it closed. */
function exchange(port: number, odd: Odd): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(Buffer.from(odd.bytes, "latin1"));
      if (odd.hangUp) socket.end();
    });
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    // A reset after a refusal is an answer too: what was read so far is checked.
    socket.on("error", () => {});
    const timer = setTimeout(() => socket.destroy(), 3_000);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
  });
}

interface Answer {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

/** Parses one HTTP/1.1 answer strictly: a status line, headers, a body of the length declared. */
function parseAnswer(bytes: Buffer): Answer {
  const end = bytes.indexOf("\r\n\r\n");
  expect(end, "an answer ends its headers").toBeGreaterThan(0);
  const [statusLine = "", ...lines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const match = /^HTTP\/1\.1 (\d{3}) [ -~]*$/.exec(statusLine);
  expect(match, statusLine).not.toBeNull();
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(":");
    expect(colon, line).toBeGreaterThan(0);
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const body = bytes.subarray(end + 4);
  expect(headers.get("transfer-encoding")).toBeUndefined();
  // Without a length (as for an HTTP/1.0 client), the body is what came before the close.
  const length = headers.get("content-length");
  if (length === undefined) expect(headers.get("connection")).toBe("close");
  else expect(body.length).toBe(Number(length));
  return { status: Number(match?.[1]), headers, body };
}

function expectAnswer(label: string, bytes: Buffer, expected: Odd["expect"]): void {
  if (expected === "closed") {
    expect(bytes.toString("latin1"), label).toBe("");
    return;
  }
  const answer = parseAnswer(bytes);
  expect(answer.status, label).toBe(expected.status);
  if (expected.location) expect(answer.headers.get("location")).toMatch(expected.location);
  if (expected.status >= 400) {
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    const body = JSON.parse(answer.body.toString("utf8")) as unknown;
    expect(body).toEqual({ error: expected.error, message: expect.any(String) });
  }
}

const ODD_BODY = 'content-type: application/json\r\ncontent-length: 11\r\n\r\n{"ok":true}';

/**
 * Answers GitHub's API could give that no HTTP library would write, by the path that gets
 * them, and what the browser must get: a 502 JSON error, or GitHub's final answer.
 */
const ODD_UPSTREAM: Record<string, { bytes: string; expect: 502 | 200 }> = {
  "/odd/099": { bytes: `HTTP/1.1 099 Odd\r\n${ODD_BODY}`, expect: 502 },
  "/odd/000": { bytes: `HTTP/1.1 000 X\r\n${ODD_BODY}`, expect: 502 },
  "/odd/1000": { bytes: `HTTP/1.1 1000 Big\r\n${ODD_BODY}`, expect: 502 },
  "/odd/600": { bytes: `HTTP/1.1 600 Six\r\n${ODD_BODY}`, expect: 502 },
  "/odd/999": { bytes: `HTTP/1.1 999 Nine\r\n${ODD_BODY}`, expect: 502 },
  "/odd/101": {
    bytes: "HTTP/1.1 101 Switching Protocols\r\nconnection: upgrade\r\nupgrade: websocket\r\n\r\n",
    expect: 502,
  },
  "/odd/101-bare": { bytes: "HTTP/1.1 101 Switching Protocols\r\n\r\n", expect: 502 },
  // Only the reason phrase is odd: the answer passes, with the standard one.
  "/odd/reason-with-a-control-character": {
    bytes: `HTTP/1.1 200 O\x01K\r\n${ODD_BODY}`,
    expect: 200,
  },
  "/odd/early-hints": {
    bytes: `HTTP/1.1 103 Early Hints\r\nlink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\n${ODD_BODY}`,
    expect: 200,
  },
};

/** A stand-in GitHub API: the user for the sign-in, redirects no URL parser takes, odd answers. */
function standInApi(): Server {
  return createServer((req, res) => {
    const odd = ODD_UPSTREAM[req.url ?? ""];
    if (odd) {
      // A whole answer closes the connection: this server would never read the next request.
      if (odd.expect === 200) req.socket.end(odd.bytes, "latin1");
      else req.socket.write(odd.bytes, "latin1");
    } else if (req.url === "/user") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ id: 1, login: "octocat", email: "o@x.io" }));
    } else if (req.url === "/redirect") {
      res.writeHead(302, { location: "//" }).end();
    } else if (req.url === "/redirect-elsewhere") {
      res.writeHead(301, { location: "//evil.example/x?token=t0ken#f" }).end();
    } else {
      res.writeHead(404, { "content-type": "application/json" }).end("{}");
    }
  });
}

/** A production gateway process with the built SPA, on loopback, signing in at the mock GitHub. */
async function productionGateway(apiUrl: string) {
  const port = await freePort();
  const spa = mkdtempSync(join(tmpdir(), "latchkey-web-"));
  mkdirSync(join(spa, "assets"));
  writeFileSync(join(spa, "index.html"), "<!doctype html><title>Latchkey</title>");
  const gateway = startGatewayProcess({
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://localhost:${port}`,
    SESSION_SECRET: randomBytes(36).toString("base64url"),
    GITHUB_CLIENT_ID: "mock-client-id",
    GITHUB_CLIENT_SECRET: "mock-client-secret",
    GITHUB_URL: githubBase(),
    GITHUB_API_URL: apiUrl,
    STORE: "memory",
    WEB_DIST_DIR: spa,
    LOG_FORMAT: "json",
  });
  await waitForHealth(`http://127.0.0.1:${port}/healthz`);
  return { gateway, port };
}

/** After each odd request, a fresh connection still gets its /healthz. */
async function expectHealthy(port: number, label: string): Promise<void> {
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(health.status, label).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
}

/** Still running, and nothing it wrote is an uncaught exception, a stack or an error line. */
function expectCleanRun(gateway: GatewayProcess): void {
  expect(gateway.child.exitCode).toBeNull();
  const output = gateway.output();
  expect(output).not.toMatch(/uncaught|unhandled|\n\s+at /i);
  const lines = output.split("\n").filter((line) => line.startsWith("{"));
  const levels = lines.map((line) => (JSON.parse(line) as { level: number }).level);
  expect(levels.filter((level) => level >= 50)).toEqual([]);
}

describe("a production gateway fed odd requests", () => {
  const api = standInApi();
  let apiUrl: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
  });

  it("when each odd target, header, framing, method or stray protocol arrives, then it gets a well-formed 4xx JSON (or a closed connection), never a 5xx, and /healthz answers after each", async () => {
    const { gateway, port } = await productionGateway(apiUrl);
    for (const [label, odd] of Object.entries(CORPUS)) {
      const answer = await exchange(port, odd);
      expectAnswer(label, answer, odd.expect);
      expect(answer.toString("latin1"), label).not.toMatch(/^HTTP\/1\.[01] 5/);
      await expectHealthy(port, label);
    }
    expectCleanRun(gateway);
  }, 25_000);

  it("when GitHub answers with Location: // (or //another.host), then the answer passes through, is logged redacted, and the gateway stays up", async () => {
    const { gateway, port } = await productionGateway(apiUrl);
    const browser = new TestBrowser(`http://localhost:${port}`);
    expect((await browser.signIn()).headers.get("location")).toBe("/restricted");
    const bare = await browser.get("/api/github/redirect", { "x-csrf": "1" });
    expect(bare.status).toBe(302);
    expect(bare.headers.get("location")).toBe("//");
    await expectHealthy(port, "Location: //");
    const elsewhere = await browser.get("/api/github/redirect-elsewhere", { "x-csrf": "1" });
    expect(elsewhere.status).toBe(301);
    await expectHealthy(port, "Location: //evil.example");
    // The access log's line is written when the answer ends; on a busy machine that can take
    // longer than expect.poll's default second.
    await expect
      .poll(() => gateway.output(), { timeout: 10_000 })
      .toContain('"location":"//evil.example/x?token=[redacted]#[redacted]"');
    expect(gateway.output()).toContain('"location":"//"');
    expectCleanRun(gateway);
  }, 25_000);

  it("when GitHub answers with a status line no final answer has or switches protocols unasked, then the browser promptly gets a 502 JSON error; when only its reason phrase is odd or interim answers come first, then its final answer; and the gateway stays up", async () => {
    const { gateway, port } = await productionGateway(apiUrl);
    const browser = new TestBrowser(`http://localhost:${port}`);
    expect((await browser.signIn()).headers.get("location")).toBe("/restricted");
    for (const [path, odd] of Object.entries(ODD_UPSTREAM)) {
      const answer = await browser.request(`/api/github${path}`, {
        headers: { "x-csrf": "1" },
        signal: AbortSignal.timeout(2_000),
      });
      expect(answer.status, path).toBe(odd.expect);
      const body = (await answer.json()) as unknown;
      if (odd.expect === 502) {
        expect(body, path).toEqual({ error: "upstream_unavailable", message: expect.any(String) });
      } else {
        expect(body, path).toEqual({ ok: true });
      }
      await expectHealthy(port, path);
    }
    expect(gateway.child.exitCode).toBeNull();
    const output = gateway.output();
    expect(output).not.toMatch(/uncaught|unhandled|\n\s+at /i);
    // GitHub's fault, not the gateway's: only the access log's line for each 502 is an error.
    const errors = output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { level: number; msg: string; res?: unknown })
      .filter((line) => line.level >= 50);
    const refused = Object.values(ODD_UPSTREAM).filter((odd) => odd.expect === 502);
    expect(errors).toHaveLength(refused.length);
    for (const line of errors) {
      expect(line).toMatchObject({ msg: "request completed", res: { statusCode: 502 } });
    }
  }, 25_000);
});
