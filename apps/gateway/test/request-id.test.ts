import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { requestId } from "../src/http/request-id.js";
import { TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { jsonLogger } from "./support/logs.js";
import { githubBase, useMockGitHub } from "./support/network.js";

const github = useMockGitHub();
const CSRF = { "x-csrf": "1" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("X-Request-Id", () => {
  it("when none is sent, then every kind of answer carries a fresh one", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    const answers = await Promise.all([
      fetch(`${gateway.url}/healthz`),
      fetch(`${gateway.url}/no/such/page`),
      fetch(`${gateway.url}/auth/github/login`, { redirect: "manual" }),
      fetch(`${gateway.url}/api/me`),
      browser.get("/api/github/user/repos", CSRF),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 404, 302, 401, 200]);
    const ids = answers.map((r) => r.headers.get("x-request-id") ?? "");
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("when a well-formed id is sent, then it is echoed and every log line of the request carries it", async () => {
    const { logger, lines } = jsonLogger();
    const gateway = await startGateway({}, { logger });
    const browser = new TestBrowser(gateway.url);
    const callback = await browser.consent(await browser.startLogin(), "cancel");
    const id = "lb-7f3a.9_c-01";
    const response = await browser.get(callback, { "x-request-id": id });
    expect(response.headers.get("location")).toBe("/login?error=access_denied");
    expect(response.headers.get("x-request-id")).toBe(id);

    const access = lines.find((l) => (l.req as { id?: unknown } | undefined)?.id === id);
    expect(access).toMatchObject({ reqId: id, res: { statusCode: 302 } });
    expect(lines.find((l) => l.msg === "sign-in failed")).toMatchObject({
      reqId: id,
      code: "access_denied",
    });
    // Lines outside any request carry no id.
    expect(lines.filter((l) => l.reqId === id)).toHaveLength(2);
  });

  it.each([
    ["too long", "a".repeat(65)],
    ["with spaces", "abc def"],
    ["with a semicolon", "abc;def"],
    ["with quotes", 'abc"def'],
    ["empty", ""],
  ])("when the id sent is %s, then it is replaced and never logged", async (_, bad) => {
    const { logger, lines } = jsonLogger();
    const gateway = await startGateway({}, { logger });
    const response = await fetch(`${gateway.url}/healthz`, { headers: { "x-request-id": bad } });
    const id = response.headers.get("x-request-id") ?? "";
    expect(id).toMatch(UUID);
    expect(lines.find((l) => l.reqId === id)).toBeDefined();
    if (bad) expect(JSON.stringify(lines)).not.toContain(bad);
  });

  it("when an id carries CR/LF or is repeated, then a new one is made instead", () => {
    const headers = new Map<string, string>();
    const res = { setHeader: (name: string, value: string) => headers.set(name, value) };
    for (const incoming of ["abc\r\nSet-Cookie: x=1", "abc\n", ["abc", "def"]]) {
      const req = { headers: { "x-request-id": incoming } } as unknown as IncomingMessage;
      const id = requestId(req, res as unknown as ServerResponse);
      expect(id).toMatch(UUID);
      expect(headers.get("X-Request-Id")).toBe(id);
    }
  });

  it("when a call is proxied, then GitHub never gets the id and its own does not replace it", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    let forwarded: string | null | undefined;
    github.use(
      http.get(`${githubBase()}/api/v3/request-id-probe`, ({ request }) => {
        forwarded = request.headers.get("x-request-id");
        return HttpResponse.json({}, { headers: { "x-request-id": "github-side" } });
      }),
    );
    const response = await browser.get("/api/github/request-id-probe", {
      ...CSRF,
      "x-request-id": "spa-1234",
    });
    expect(response.status).toBe(200);
    expect(forwarded).toBeNull();
    expect(response.headers.get("x-request-id")).toBe("spa-1234");
  });
});
