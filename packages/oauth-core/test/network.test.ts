import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { useMockServer } from "./support/msw.js";

const server = useMockServer();

/**
 * msw's reason for failing a request: Node's fetch rejects with it as the cause; the
 * browser's worker answers HTTP 500 with it as the body.
 */
async function refusal(url: string): Promise<string> {
  try {
    const response = await fetch(url);
    const body: unknown = await response.json().catch(() => undefined);
    const message =
      typeof body === "object" && body !== null && "message" in body ? body.message : "";
    return `${response.status} ${String(message)}`;
  } catch (error) {
    return String((error as Error).cause);
  }
}

describe("the closed network every test file runs on", () => {
  it("when a request has no handler, then msw fails it instead of letting it through", async () => {
    // In the browser, a path of the test page's own server: let through, it would be answered.
    // In Node, a host that does not exist: let through, it would fail for another reason.
    const url =
      typeof window === "undefined"
        ? "https://unhandled.example/never"
        : new URL("/closed-network-probe", window.location.href).href;
    expect(await refusal(url)).toContain('Cannot bypass a request when using the "error" strategy');
  });

  it("when a request has a handler, then the handler answers it", async () => {
    server.use(http.get("https://handled.example/ok", () => HttpResponse.json({ ok: true })));
    const response = await fetch("https://handled.example/ok");
    expect(await response.json()).toEqual({ ok: true });
  });
});
