import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { startGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

useMockGitHub();

let dist: string;
beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), "latchkey-web-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Latchkey</title>");
  writeFileSync(join(dist, "assets", "index-abc123.js"), "console.log('app')");
});

describe("serving the built SPA", () => {
  it("when a hashed asset is asked for, then it is cached for a year as immutable", async () => {
    const gateway = await startGateway({ WEB_DIST_DIR: dist });
    const response = await fetch(`${gateway.url}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it.each(["/", "/restricted", "/repos?page=2"])(
    "when the browser opens %s, then it gets index.html, never cached",
    async (path) => {
      const gateway = await startGateway({ WEB_DIST_DIR: dist });
      const response = await fetch(`${gateway.url}${path}`, { headers: { accept: "text/html" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-cache");
      expect(await response.text()).toContain("<title>Latchkey</title>");
    },
  );

  it("when a missing asset is asked for, then it is a 404, not index.html", async () => {
    const gateway = await startGateway({ WEB_DIST_DIR: dist });
    const response = await fetch(`${gateway.url}/assets/missing-999.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("when an unknown API route is asked for with Accept: text/html, then it stays a JSON 404", async () => {
    const gateway = await startGateway({ WEB_DIST_DIR: dist });
    const response = await fetch(`${gateway.url}/api/nothing`, {
      headers: { accept: "text/html" },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "not_found" });
  });

  it("when no SPA is configured, then pages are JSON 404s", async () => {
    const gateway = await startGateway();
    const response = await fetch(`${gateway.url}/restricted`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(404);
  });
});
