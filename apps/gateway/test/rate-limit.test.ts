import { describe, expect, it } from "vitest";
import { startGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

useMockGitHub();

async function hit(url: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/auth/providers`, { headers });
}

describe("rate limiting on /auth/* (D7)", () => {
  it("when one client exceeds the limit, then it gets 429 JSON with RateLimit headers", async () => {
    const gateway = await startGateway({ AUTH_RATE_LIMIT_MAX: "3" });
    for (let i = 0; i < 3; i++) expect((await hit(gateway.url)).status).toBe(200);
    const limited = await hit(gateway.url);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: "rate_limited" });
    expect(limited.headers.get("ratelimit")).toMatch(/limit=3/);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    // Only /auth/* is limited.
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
  });

  it("when a provider posts many back-channel logouts, then none is rate limited, and sign-in requests still are", async () => {
    const gateway = await startGateway({ AUTH_RATE_LIMIT_MAX: "2" });
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${gateway.url}/auth/google/backchannel-logout`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "logout_token=not-a-token",
      });
      // Refused for what it is, never for how many came.
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_logout_token" });
    }
    expect((await hit(gateway.url)).status).toBe(200);
    expect((await hit(gateway.url)).status).toBe(200);
    expect((await hit(gateway.url)).status).toBe(429);
  });

  it("when TRUST_PROXY is off, then X-Forwarded-For cannot be used to dodge the limit", async () => {
    const gateway = await startGateway({ AUTH_RATE_LIMIT_MAX: "2" });
    await hit(gateway.url, { "x-forwarded-for": "203.0.113.1" });
    await hit(gateway.url, { "x-forwarded-for": "203.0.113.2" });
    expect((await hit(gateway.url, { "x-forwarded-for": "203.0.113.3" })).status).toBe(429);
  });

  it("when TRUST_PROXY trusts the load balancer, then each forwarded client is counted on its own", async () => {
    const gateway = await startGateway({ AUTH_RATE_LIMIT_MAX: "2", TRUST_PROXY: "loopback" });
    const alice = { "x-forwarded-for": "203.0.113.1" };
    const bob = { "x-forwarded-for": "203.0.113.2" };
    expect((await hit(gateway.url, alice)).status).toBe(200);
    expect((await hit(gateway.url, alice)).status).toBe(200);
    expect((await hit(gateway.url, alice)).status).toBe(429);
    expect((await hit(gateway.url, bob)).status).toBe(200);
  });

  it("when a person's browser hits the limit on a sign-in page, then it lands on the login page with a message", async () => {
    const gateway = await startGateway({ AUTH_RATE_LIMIT_MAX: "1" });
    const html = { accept: "text/html,application/xhtml+xml" };
    await fetch(`${gateway.url}/auth/github/login`, { headers: html, redirect: "manual" });
    const limited = await fetch(`${gateway.url}/auth/github/login`, {
      headers: html,
      redirect: "manual",
    });
    expect(limited.status).toBe(302);
    expect(limited.headers.get("location")).toBe("/login?error=rate_limited");
  });

  it("when the limit is hit on a sign-in begun on /repos?page=2, then the login page keeps that returnTo", async () => {
    const gateway = await startGateway({ AUTH_RATE_LIMIT_MAX: "1" });
    const html = { accept: "text/html,application/xhtml+xml" };
    const login = `${gateway.url}/auth/github/login?returnTo=${encodeURIComponent("/repos?page=2")}`;
    await fetch(login, { headers: html, redirect: "manual" });
    const limited = await fetch(login, { headers: html, redirect: "manual" });
    expect(limited.headers.get("location")).toBe(
      "/login?error=rate_limited&returnTo=%2Frepos%3Fpage%3D2",
    );
  });
});
