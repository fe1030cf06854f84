import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sendRequest } from "../src/http.js";
import {
  exchangeCode,
  fetchUser,
  NetworkError,
  ResponseError,
  TimeoutError,
} from "../src/index.js";
import { ACCESS_TOKEN, octocat, tokenResponse } from "./fixtures/github.js";
import { REDIRECT_URI, TOKEN_URL, testGitHub } from "./support/github.js";
import { useMockServer } from "./support/msw.js";

const server = useMockServer();
const exchange = { code: "c0de", redirectUri: REDIRECT_URI, codeVerifier: "v".repeat(43) };

afterEach(() => vi.unstubAllGlobals());

describe("sendRequest", () => {
  it("when a fetch is injected, then it is used instead of the global one", async () => {
    const injected = vi.fn<typeof fetch>(async () => Response.json(tokenResponse));
    const tokens = await exchangeCode(testGitHub({ fetch: injected }), exchange);
    expect(tokens.accessToken).toBe(ACCESS_TOKEN);
    expect(injected).toHaveBeenCalledTimes(1);
    expect(String(injected.mock.calls[0]?.[0])).toBe(TOKEN_URL);
  });

  it("when no fetch is injected, then globalThis.fetch is looked up at call time", async () => {
    const provider = testGitHub();
    const replaced = vi.fn<typeof fetch>(async () => Response.json(octocat));
    vi.stubGlobal("fetch", replaced);
    await fetchUser(provider, ACCESS_TOKEN);
    expect(replaced).toHaveBeenCalledTimes(1);
  });

  it("when an injected fetch ignores the abort signal, then the timeout still fires", async () => {
    const hanging = () => new Promise<Response>(() => {});
    const error = await exchangeCode(testGitHub({ fetch: hanging, timeout: 30 }), exchange).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(String(error)).toContain("within 30 ms");
  });

  it("when the body never finishes, then it is a TimeoutError", async () => {
    const stalled = new ReadableStream({ start: () => {} });
    const fetchImpl = async () => new Response(stalled, { status: 200 });
    await expect(
      sendRequest({ fetch: fetchImpl, timeout: 30 }, "https://api.example.com/x"),
    ).rejects.toThrow(TimeoutError);
  });

  it("when fetch throws synchronously, then it is a NetworkError with the cause", async () => {
    const cause = new TypeError("bad init");
    const fetchImpl = () => {
      throw cause;
    };
    const error = await sendRequest({ fetch: fetchImpl }, "https://api.example.com/x").catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cause).toBe(cause);
  });

  it("when the server redirects, then the redirect is not followed", async () => {
    const followed = vi.fn(() => HttpResponse.json({ ok: true }));
    server.use(
      http.get("https://api.example.com/start", () =>
        HttpResponse.redirect("https://evil.example/steal", 307),
      ),
      http.get("https://evil.example/steal", followed),
    );
    // What this runtime's fetch makes of a redirect it must not follow: Node shows the 307, a
    // browser only an "opaqueredirect" (status 0, no headers, no body).
    const manual = await fetch("https://api.example.com/start", { redirect: "manual" });
    const sent = sendRequest({}, "https://api.example.com/start", {
      headers: { Authorization: "Bearer secret" },
    });
    if (manual.type === "opaqueredirect") {
      await expect(sent).rejects.toThrow(ResponseError);
    } else {
      expect((await sent).status).toBe(307);
    }
    expect(followed).not.toHaveBeenCalled();
  });

  it("when a browser withholds a redirect, then it is a ResponseError, asked once", async () => {
    // An opaque redirect as browsers answer one: no script can build a real one.
    const opaque = { type: "opaqueredirect", status: 0, headers: new Headers() } as Response;
    const fetchImpl = vi.fn<typeof fetch>(async () => opaque);
    const error = await sendRequest({ fetch: fetchImpl }, "https://api.example.com/me?token=x", {
      retry: "idempotent",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({
      status: 0,
      message: "https://api.example.com/me answered a redirect, which is not followed",
    });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it("when a body is not JSON, then the message names the endpoint without its query", async () => {
    server.use(http.get("https://api.example.com/data", () => HttpResponse.text("not json")));
    const response = await sendRequest({}, "https://api.example.com/data?token=abc");
    expect(response.ok).toBe(true);
    expect(() => response.json()).toThrow(ResponseError);
    expect(() => response.json()).toThrow(
      'https://api.example.com/data answered HTTP 200 with a body that is not JSON (content-type "text/plain")',
    );
  });

  it("when the body is empty, then json() is a ResponseError naming no content type", async () => {
    server.use(
      http.get("https://api.example.com/empty", () => new HttpResponse(null, { status: 204 })),
    );
    const response = await sendRequest({}, "https://api.example.com/empty");
    expect(response.text).toBe("");
    expect(() => response.json()).toThrow('content-type "none"');
  });
});
