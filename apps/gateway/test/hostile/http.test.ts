import { describe, expect, it } from "vitest";
import { TestBrowser } from "../support/browser.js";
import {
  CSRF,
  expectJsonError,
  rawExchange,
  rawRequest,
  TOKEN_PATH,
  useHostileHarness,
} from "./support.js";

const { github, gateway, signedIn, calls } = useHostileHarness();

const BAD_REQUEST = { error: "bad_request", message: "The request is not valid HTTP." };
const TOO_LARGE = { error: "headers_too_large", message: "The request headers are too large." };

/** A request that parses as HTTP but that Node itself must refuse. */
async function refusedByNode(request: string) {
  const started = await gateway();
  const answer = await rawExchange(started.url, request);
  return { ...answer, json: JSON.parse(answer.body) as unknown };
}

describe("malformed HTTP", () => {
  it.each([
    ["a 20 KB cookie", `Cookie: latchkey.session=${"x".repeat(20 * 1024)}\r\n`],
    [
      "200 headers of 100 bytes",
      Array.from({ length: 200 }, (_, i) => `X-H${i}: ${"v".repeat(100)}\r\n`).join(""),
    ],
  ])(
    "when the headers hold %s, then it is a 431 JSON headers_too_large",
    async (_label, headers) => {
      const answer = await refusedByNode(`GET /api/me HTTP/1.1\r\nHost: x\r\n${headers}\r\n`);
      expect(answer.status).toBe(431);
      expect(answer.json).toEqual(TOO_LARGE);
    },
  );

  it.each([
    ["the method is not HTTP (FOO)", "FOO /api/me HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["the HTTP version is 9.9", "GET /api/me HTTP/9.9\r\nHost: x\r\n\r\n"],
    ["the path holds a NUL byte", "GET /api/\0me HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["a header name holds a space", "GET /api/me HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n"],
    [
      "Content-Length and Transfer-Encoding are both sent (smuggling)",
      "POST /api/me HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ],
    [
      "Content-Length is sent twice, differently",
      "POST /api/me HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    ],
    ["the bytes are a TLS handshake", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"],
  ])("when %s, then it is a 400 JSON bad_request", async (_label, request) => {
    const answer = await refusedByNode(request);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(BAD_REQUEST);
  });

  it.each([
    ["twice, differently", "Host: x\r\nHost: evil.example\r\n"],
    ["twice, the same", "Host: x\r\nhost: x\r\n"],
  ])(
    "when the Host header is sent %s, then it is a 400 JSON bad_request",
    async (_label, hosts) => {
      for (const version of ["1.1", "1.0"]) {
        const answer = await refusedByNode(
          `GET /healthz HTTP/${version}\r\n${hosts}Connection: close\r\n\r\n`,
        );
        expect(answer.status, version).toBe(400);
        expect(answer.json).toEqual({
          error: "bad_request",
          message: "A request names one Host only.",
        });
      }
    },
  );

  it("when the request expects something other than 100-continue, then it is a 417 JSON expectation_failed", async () => {
    const answer = await refusedByNode(
      "GET /api/me HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nConnection: close\r\n\r\n",
    );
    expect(answer.status).toBe(417);
    expect(answer.json).toEqual({
      error: "expectation_failed",
      message: "Only Expect: 100-continue is understood.",
    });
  });

  it("when an HTTP/1.1 request has no Host header, then it is a 400 JSON bad_request", async () => {
    const answer = await refusedByNode("GET /api/me HTTP/1.1\r\nConnection: close\r\n\r\n");
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error: "bad_request",
      message: "HTTP/1.1 requests need a Host header.",
    });
  });
});

describe("odd routes and paths", () => {
  it.each([
    "/auth/%E0%A4%A/login",
    "/auth/%E0%A4%A/callback",
    "/auth/%ZZ/login",
    "/auth/github/%E0%A4%A",
    "/%E0%A4%A",
  ])(
    "when the path holds the malformed percent-encoding %s, then it is a 400 JSON, never a 500 nor a 404",
    async (path) => {
      const started = await gateway();
      await expectJsonError(await rawRequest(started.url, path), 400, "bad_request");
      expect(github.mock.requests).toEqual([]);
    },
  );

  it.each(["/nope", "/api", "/api/nope", "/api/me/x", "/auth/github", "/healthz/x"])(
    "when %s is asked, then it is a 404 JSON not_found",
    async (path) => {
      const started = await gateway();
      const body = await expectJsonError(await rawRequest(started.url, path), 404, "not_found");
      expect(body.message).toBe(`No route for GET ${path}`);
    },
  );

  it.each(["POST", "PUT", "DELETE", "TRACE"])(
    "when %s /api/me is sent, then it is a 404 JSON not_found",
    async (method) => {
      const started = await gateway();
      const response = await rawRequest(started.url, "/api/me", { "content-length": "0" }, method);
      await expectJsonError(response, 404, "not_found");
    },
  );

  it("when GET /auth/logout is sent with X-CSRF, then nobody is logged out (B6)", async () => {
    const { browser } = await signedIn();
    await expectJsonError(await browser.get("/auth/logout", CSRF), 404, "not_found");
    expect((await browser.get("/api/me")).status).toBe(200);
    expect(github.mock.requests).toEqual([]);
  });
});

describe("oversized query strings on /auth/github/login", () => {
  const many = Array.from({ length: 2_000 }, (_, i) => `p${i}`).join("&");

  it("when the login URL carries 2 000 parameters, then it still redirects and the login still works", async () => {
    const started = await gateway();
    const browser = new TestBrowser(started.url);
    const login = await browser.get(`/auth/github/login?returnTo=/restricted&${many}`);
    expect(login.status).toBe(302);
    const authorize = new URL(login.headers.get("location") ?? "");
    const response = await browser.get(await browser.consent(authorize, { login: "octocat" }));
    expect(response.headers.get("location")).toBe("/restricted");
    expect(calls(TOKEN_PATH)).toBe(1);
  });

  it("when 2 000 parameters push the request line past 16 KB, then it is a 431, never a 500", async () => {
    const started = await gateway();
    const long = Array.from({ length: 2_000 }, (_, i) => `param${i}=value${i}`).join("&");
    const response = await rawRequest(started.url, `/auth/github/login?${long}`);
    await expectJsonError(response, 431, "headers_too_large");
    expect(github.mock.requests).toEqual([]);
  });
});
