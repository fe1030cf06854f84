import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startGateway } from "./support/gateway.js";
import { githubBase, useMockGitHub } from "./support/network.js";

useMockGitHub();

function builtSpa(): string {
  const dist = mkdtempSync(join(tmpdir(), "latchkey-web-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Latchkey</title>");
  return dist;
}

describe("security headers", () => {
  it("when the SPA is served, then it carries a strict CSP", async () => {
    const gateway = await startGateway({ WEB_DIST_DIR: builtSpa() });
    const response = await fetch(`${gateway.url}/restricted`, { headers: { accept: "text/html" } });
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain(`img-src 'self' data: https: ${githubBase()}`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("when an OpenID Connect issuer on plain http is configured, then its host may serve avatars, decided without discovery", async () => {
    const gateway = await startGateway({
      OIDC_CLIENT_ID: "corp",
      OIDC_CLIENT_SECRET: "corp-secret",
      // Nothing listens there: a discovery attempt before the headers were decided would fail.
      OIDC_ISSUER: "http://127.0.0.1:9/idp",
    });
    const csp = (await fetch(`${gateway.url}/healthz`)).headers.get("content-security-policy");
    expect(csp).toContain("img-src 'self' data: https: http://127.0.0.1:9;");
    expect(csp).not.toContain(githubBase());
  });

  it("when an API answer, an error or an SPA page is sent, then framing is refused by both headers alike", async () => {
    const gateway = await startGateway({ WEB_DIST_DIR: builtSpa() });
    const answers = [
      await fetch(`${gateway.url}/healthz`),
      await fetch(`${gateway.url}/api/me`),
      await fetch(`${gateway.url}/nowhere.js`),
      await fetch(`${gateway.url}/restricted`, { headers: { accept: "text/html" } }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 404, 200]);
    for (const response of answers) {
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  it("when any route answers, then there is no X-Powered-By and the referrer is never sent", async () => {
    const gateway = await startGateway();
    for (const path of ["/healthz", "/api/me", "/auth/providers", "/nowhere"]) {
      const response = await fetch(`${gateway.url}${path}`);
      expect(response.headers.get("x-powered-by")).toBeNull();
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("when the public URL is http, then there is no HSTS; when https, there is", async () => {
    const plain = await startGateway();
    expect(
      (await fetch(`${plain.url}/healthz`)).headers.get("strict-transport-security"),
    ).toBeNull();
    const secure = await startGateway({ PUBLIC_URL: "https://app.example.com" });
    expect((await fetch(`${secure.url}/healthz`)).headers.get("strict-transport-security")).toMatch(
      /max-age=31536000/,
    );
  });

  it("when another site sends a CORS preflight, then nothing grants it access (B5)", async () => {
    const gateway = await startGateway();
    for (const path of ["/auth/logout", "/api/github/user", "/api/me"]) {
      const response = await fetch(`${gateway.url}${path}`, {
        method: "OPTIONS",
        headers: {
          origin: "https://evil.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "x-csrf",
        },
      });
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      expect(response.headers.get("access-control-allow-headers")).toBeNull();
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    }
  });
});
