import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { rawExchange } from "./hostile/support.js";
import { startGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

useMockGitHub();

/** A script big enough to be worth compressing. */
const APP_JS = `${"export const greeting = 'Hello, world';\n".repeat(200)}console.log(greeting);`;

const SOURCE_MAP = JSON.stringify({ version: 3, sources: ["../src/secret.ts"], mappings: "" });

let dist: string;
beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), "latchkey-web-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Latchkey</title>");
  writeFileSync(join(dist, "assets", "index-abc123.js"), "console.log('app')");
  writeFileSync(join(dist, "assets", "app-def456.js"), APP_JS);
  writeFileSync(join(dist, ".env"), "SECRET=never-served");
  // As a build with source maps would leave them: beside each script.
  writeFileSync(join(dist, "assets", "app-def456.js.map"), SOURCE_MAP);
  writeFileSync(join(dist, "assets", "index-abc123.js.MAP"), SOURCE_MAP);
});

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http, so the test, not a client library, decides Accept-Encoding and sees the bytes. */
function raw(url: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<RawAnswer>((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** Compressed forms are made in the background at startup; wait until one is offered. */
async function compressedReady(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const answer = await raw(url, { "accept-encoding": "br" });
    if (answer.headers["content-encoding"] === "br") return;
    await sleep(20);
  }
  throw new Error("no compressed form was offered");
}

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

  it.each([
    ["br", "br, gzip", brotliDecompressSync],
    ["gzip", "gzip, deflate", gunzipSync],
    ["gzip", "br;q=0, gzip", gunzipSync],
  ] as const)(
    "when a script is asked for accepting %s (Accept-Encoding: %s), then that encoding of the same bytes comes back",
    async (encoding, accept, decode) => {
      const gateway = await startGateway({ WEB_DIST_DIR: dist });
      const url = `${gateway.url}/assets/app-def456.js`;
      await compressedReady(url);
      const answer = await raw(url, { "accept-encoding": accept });
      expect(answer.status).toBe(200);
      expect(answer.headers["content-encoding"]).toBe(encoding);
      expect(answer.headers.vary).toBe("Accept-Encoding");
      expect(answer.headers["content-type"]).toBe("text/javascript; charset=utf-8");
      expect(Number(answer.headers["content-length"])).toBe(answer.body.length);
      expect(answer.body.length).toBeLessThan(APP_JS.length / 4);
      expect(decode(answer.body).toString()).toBe(APP_JS);
    },
  );

  it.each([
    ["no Accept-Encoding", {}],
    ["only identity", { "accept-encoding": "identity" }],
    ["br and gzip refused", { "accept-encoding": "br;q=0, gzip;q=0" }],
  ])("when a client sends %s, then the file comes as it is", async (_, headers) => {
    const gateway = await startGateway({ WEB_DIST_DIR: dist });
    const url = `${gateway.url}/assets/app-def456.js`;
    await compressedReady(url);
    const answer = await raw(url, headers);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.body.toString()).toBe(APP_JS);
  });

  it("when the client already has the file (If-None-Match), then it gets a 304 without a body, per encoding", async () => {
    const gateway = await startGateway({ WEB_DIST_DIR: dist });
    const url = `${gateway.url}/assets/app-def456.js`;
    await compressedReady(url);
    const br = await raw(url, { "accept-encoding": "br" });
    const plain = await raw(url);
    const brTag = String(br.headers.etag);
    expect(brTag).not.toBe(String(plain.headers.etag));

    const again = await raw(url, { "accept-encoding": "br", "if-none-match": brTag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(brTag);
    expect(again.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    // A gzip client holding the brotli tag does not get a 304 for a body it does not have.
    const other = await raw(url, { "accept-encoding": "gzip", "if-none-match": brTag });
    expect(other.status).toBe(200);
    expect(other.headers["content-encoding"]).toBe("gzip");
    // index.html too: a reload costs a 304.
    const page = await raw(`${gateway.url}/restricted`, { accept: "text/html" });
    const reload = await raw(`${gateway.url}/restricted`, {
      accept: "text/html",
      "if-none-match": `W/${String(page.headers.etag)}`,
    });
    expect(reload.status).toBe(304);
  });

  it.each([
    ["/assets/app-def456.js.map", {}],
    ["/assets/app-def456.js.map", { accept: "text/html" }],
    ["/assets/index-abc123.js.MAP", {}],
  ])("when the source map %s is asked for (%j), then it is a JSON 404", async (path, headers) => {
    const gateway = await startGateway({ WEB_DIST_DIR: dist });
    const answer = await raw(`${gateway.url}${path}`, headers);
    expect(answer.status).toBe(404);
    expect(answer.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ error: "not_found" });
    expect(answer.body.toString()).not.toContain("secret.ts");
  });

  it.each(["/assets/app-def456.js", "/assets/index-abc123.js", "/"])(
    "when %s is served, then no header points the browser at a source map",
    async (path) => {
      const gateway = await startGateway({ WEB_DIST_DIR: dist });
      const answer = await raw(`${gateway.url}${path}`, { accept: "text/html" });
      expect(answer.status).toBe(200);
      expect(answer.headers.sourcemap).toBeUndefined();
      expect(answer.headers["x-sourcemap"]).toBeUndefined();
    },
  );

  it("when HEAD is asked, then the headers come without the body", async () => {
    const gateway = await startGateway({ WEB_DIST_DIR: dist });
    const answer = await raw(`${gateway.url}/assets/index-abc123.js`, {}, "HEAD");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-length"]).toBe(String("console.log('app')".length));
    expect(answer.body.length).toBe(0);
  });

  it.each([
    "/.env",
    "/assets/../.env",
    "/assets/%2e%2e/.env",
    "/assets/..%2f.env",
    "/assets/%2e%2e%2f%2e%2e%2fpackage.json",
    "/assets//index-abc123.js/..",
    "/assets/index-abc123.js%00.html",
  ])("when %s is asked for, then nothing outside the built files is sent", async (path) => {
    const gateway = await startGateway({ WEB_DIST_DIR: dist });
    const answer = await raw(`${gateway.url}${path}`);
    expect(answer.status).not.toBe(500);
    expect(answer.body.toString()).not.toContain("never-served");
    expect(answer.body.toString()).not.toContain('"name"');
  });

  it("when a file is added after startup, then it is not served until a restart (as after a deploy)", async () => {
    const gateway = await startGateway({ WEB_DIST_DIR: dist });
    writeFileSync(join(dist, "assets", "late-111.js"), "late");
    expect((await fetch(`${gateway.url}/assets/late-111.js`)).status).toBe(404);
    const restarted = await startGateway({ WEB_DIST_DIR: dist });
    expect(await (await fetch(`${restarted.url}/assets/late-111.js`)).text()).toBe("late");
  });

  it.each([
    "//",
    "///",
    "//?x",
    "//a^b",
    "//evil.example/restricted",
    "/%",
    "/%zz",
    "/%00",
    "/%E0%A4%A",
    "http://evil/",
    "*",
  ])(
    "when the request target is %s, which is no plain path, then the SPA never answers it: a 400 JSON",
    async (target) => {
      const answer = await pageRequest(target);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({
        error: "bad_request",
        message: "The request target is not a valid path.",
      });
    },
  );

  it.each(["/restricted?q=%zz", "/repos?page=%", "/repos?name=caf%C3%A9"])(
    "when only the query of %s holds odd percent-encoding, then the page is still served",
    async (target) => {
      const answer = await pageRequest(target);
      expect(answer.status).toBe(200);
      expect(answer.body).toContain("<title>Latchkey</title>");
    },
  );

  it("when no SPA is configured, then pages are JSON 404s", async () => {
    const gateway = await startGateway();
    const response = await fetch(`${gateway.url}/restricted`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(404);
  });
});

/** A browser's page request for `target`, written raw so that no client tidies the target. */
async function pageRequest(target: string) {
  const gateway = await startGateway({ WEB_DIST_DIR: dist });
  return rawExchange(
    gateway.url,
    `GET ${target} HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n`,
  );
}
