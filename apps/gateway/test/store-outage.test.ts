import { describe, expect, it } from "vitest";
import type { RevocationStore } from "../src/session/store-contract.js";
import { MemoryRevocationStore } from "../src/stores/memory-revocation-store.js";
import { TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

useMockGitHub();

/** A real memory store with an outage switch: hangs or fails while `down` is set. */
class FlakyStore implements RevocationStore {
  down: "hang" | "fail" | false = false;
  private readonly inner = new MemoryRevocationStore();

  private gate<T>(call: () => Promise<T>): Promise<T> {
    if (this.down === "hang") return new Promise<T>(() => {});
    if (this.down === "fail") return Promise.reject(new Error("ECONNREFUSED"));
    return call();
  }
  revoke(sid: string, until: number) {
    return this.gate(() => this.inner.revoke(sid, until));
  }
  isRevoked(sid: string) {
    return this.gate(() => this.inner.isRevoked(sid));
  }
  ping() {
    return this.gate(() => this.inner.ping());
  }
}

describe("when the session store is unreachable (D6)", () => {
  it.each(["hang", "fail"] as const)(
    "when it %ss, then authenticated routes answer 503 JSON within a second and recover by themselves",
    async (mode) => {
      const store = new FlakyStore();
      const gateway = await startGateway({ STORE_TIMEOUT_MS: "300" }, { revocations: store });
      const browser = new TestBrowser(gateway.url);
      await browser.signIn();
      expect((await browser.get("/api/me")).status).toBe(200);

      store.down = mode;
      for (const path of ["/api/me", "/api/github/user"]) {
        const started = performance.now();
        const response = await browser.get(path, { "x-csrf": "1" });
        expect(performance.now() - started).toBeLessThan(1_000);
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toBe("1");
        expect(await response.json()).toMatchObject({ error: "store_unavailable" });
      }
      expect((await fetch(`${gateway.url}/readyz`)).status).toBe(503);
      // Nothing was lost: the session cookie is still there.
      expect(browser.sessionCookie()).toBeDefined();

      store.down = false;
      expect((await browser.get("/api/me")).status).toBe(200);
      expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
    },
  );

  it("when logout cannot record the revocation, then it says 503 but still clears the cookie", async () => {
    const store = new FlakyStore();
    const gateway = await startGateway({ STORE_TIMEOUT_MS: "300" }, { revocations: store });
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    store.down = "fail";
    const response = await browser.post("/auth/logout", { "x-csrf": "1" });
    expect(response.status).toBe(503);
    expect(browser.sessionCookie()).toBeUndefined();
  });

  it("when the store is down, then public routes and /healthz still answer", async () => {
    const store = new FlakyStore();
    store.down = "hang";
    const gateway = await startGateway({ STORE_TIMEOUT_MS: "300" }, { revocations: store });
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/auth/providers`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/api/me`)).status).toBe(401);
  });
});
