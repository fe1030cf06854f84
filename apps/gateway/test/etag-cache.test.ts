import { HttpResponse, http, passthrough } from "msw";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { githubBase, useMockGitHub } from "./support/network.js";

const github = useMockGitHub();
const CSRF = { "x-csrf": "1" };

/** The `If-None-Match` of each request the mock GitHub gets at `path` (null: none). */
function recordConditionals(path: string): (string | null)[] {
  const seen: (string | null)[] = [];
  github.use(
    http.get(`${githubBase()}/api/v3${path}`, ({ request }) => {
      seen.push(request.headers.get("if-none-match"));
      return passthrough();
    }),
  );
  return seen;
}

/**
 * A resource whose version the test moves: 200 with ETag `"v<n>"`, or a 304 to a matching
 * `If-None-Match` with rate-limit headers of its own, as GitHub does.
 */
function versionedResource(path: string, bodyOf = (version: number) => ({ version })) {
  const state = { version: 1, seen: [] as (string | null)[] };
  github.use(
    http.get(`${githubBase()}/api/v3${path}`, ({ request }) => {
      const asked = request.headers.get("if-none-match");
      state.seen.push(asked);
      const etag = `"v${state.version}"`;
      if (asked === etag) {
        return new HttpResponse(null, {
          status: 304,
          headers: { etag, "x-ratelimit-remaining": "4321" },
        });
      }
      return HttpResponse.json(bodyOf(state.version), {
        headers: { etag, "cache-control": "private, max-age=60", "x-ratelimit-remaining": "4999" },
      });
    }),
  );
  return state;
}

async function signedIn(env: Record<string, string> = {}, login = "octocat") {
  const gateway = await startGateway(env);
  const browser = new TestBrowser(gateway.url);
  await browser.signIn(login);
  return { gateway, browser };
}

describe("per-user ETag caching of proxied GETs", () => {
  it("when a GET is repeated, then it goes upstream conditional and the client still gets 200 with the body", async () => {
    const { browser } = await signedIn();
    const seen = recordConditionals("/user");
    const first = await browser.get("/api/github/user", CSRF);
    const firstBody = await first.text();
    const second = await browser.get("/api/github/user", CSRF);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(firstBody);
    expect(seen).toEqual([null, first.headers.get("etag")]);
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(second.headers.get("content-type")).toBe(first.headers.get("content-type"));
    // The 304 was not charged: the rate limit stands where the first answer left it.
    expect(second.headers.get("x-ratelimit-remaining")).toBe(
      first.headers.get("x-ratelimit-remaining"),
    );
  });

  it("when GitHub answers 304, then the client gets the cached body with the 304's fresh rate-limit headers", async () => {
    const { browser } = await signedIn();
    versionedResource("/things/1");
    await browser.get("/api/github/things/1", CSRF);
    const again = await browser.get("/api/github/things/1", CSRF);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ version: 1 });
    expect(again.headers.get("x-ratelimit-remaining")).toBe("4321");
    expect(again.headers.get("content-type")).toMatch(/application\/json/);
    expect(again.headers.get("cache-control")).toBe("private, max-age=60");
  });

  it("when two users GET the same URL, then neither is ever sent the other's ETag or body", async () => {
    const gateway = await startGateway();
    const octocat = new TestBrowser(gateway.url);
    await octocat.signIn("octocat");
    const hubot = new TestBrowser(gateway.url);
    await hubot.signIn("hubot");
    const seen = recordConditionals("/user");

    const octocatFirst = await octocat.get("/api/github/user", CSRF);
    expect(((await octocatFirst.json()) as { login: string }).login).toBe("octocat");
    const hubotFirst = await hubot.get("/api/github/user", CSRF);
    expect(((await hubotFirst.json()) as { login: string }).login).toBe("hubot");
    expect(seen).toEqual([null, null]);

    const octocatAgain = await octocat.get("/api/github/user", CSRF);
    const hubotAgain = await hubot.get("/api/github/user", CSRF);
    expect(((await octocatAgain.json()) as { login: string }).login).toBe("octocat");
    expect(((await hubotAgain.json()) as { login: string }).login).toBe("hubot");
    expect(seen).toEqual([
      null,
      null,
      octocatFirst.headers.get("etag"),
      hubotFirst.headers.get("etag"),
    ]);
    expect(octocatFirst.headers.get("etag")).not.toBe(hubotFirst.headers.get("etag"));
  });

  it("when the resource changes, then GitHub's new 200 passes and replaces the entry", async () => {
    const { browser } = await signedIn();
    const resource = versionedResource("/things/1");
    await browser.get("/api/github/things/1", CSRF);
    resource.version = 2;
    const changed = await browser.get("/api/github/things/1", CSRF);
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ version: 2 });
    const again = await browser.get("/api/github/things/1", CSRF);
    expect(await again.json()).toEqual({ version: 2 });
    expect(resource.seen).toEqual([null, '"v1"', '"v2"']);
  });

  it("when the client sends its own If-None-Match, then it passes through untouched and its 304 stays a 304", async () => {
    const { browser } = await signedIn();
    const resource = versionedResource("/things/1");
    await browser.get("/api/github/things/1", CSRF);
    const own = await browser.get("/api/github/things/1", { ...CSRF, "if-none-match": '"v1"' });
    expect(own.status).toBe(304);
    const stale = await browser.get("/api/github/things/1", { ...CSRF, "if-none-match": '"v0"' });
    expect(stale.status).toBe(200);
    expect(resource.seen).toEqual([null, '"v1"', '"v0"']);
  });

  it("when more URLs are fetched than it holds, then the least recently used are forgotten", async () => {
    const { browser } = await signedIn({ PROXY_ETAG_CACHE_ENTRIES: "2" });
    const resources = [1, 2, 3].map((n) => versionedResource(`/things/${n}`));
    for (const n of [1, 2, 3]) await browser.get(`/api/github/things/${n}`, CSRF);
    await browser.get("/api/github/things/1", CSRF);
    await browser.get("/api/github/things/3", CSRF);
    expect(resources[0]?.seen).toEqual([null, null]);
    expect(resources[2]?.seen).toEqual([null, '"v1"']);
  });

  it("when an answer weighs more than the byte bound, then it is streamed but not kept", async () => {
    const { browser } = await signedIn({ PROXY_ETAG_CACHE_MAX_BYTES: "2000" });
    const big = versionedResource("/things/big", (version) => ({ version, pad: "x".repeat(5000) }));
    const small = versionedResource("/things/small");
    const first = await browser.get("/api/github/things/big", CSRF);
    expect(((await first.json()) as { pad: string }).pad).toHaveLength(5000);
    await browser.get("/api/github/things/big", CSRF);
    await browser.get("/api/github/things/small", CSRF);
    await browser.get("/api/github/things/small", CSRF);
    expect(big.seen).toEqual([null, null]);
    expect(small.seen).toEqual([null, '"v1"']);
  });

  it("when GitHub says no-store, then the answer is not kept", async () => {
    const { browser } = await signedIn();
    const seen: (string | null)[] = [];
    github.use(
      http.get(`${githubBase()}/api/v3/secret`, ({ request }) => {
        seen.push(request.headers.get("if-none-match"));
        return HttpResponse.json({}, { headers: { etag: '"s"', "cache-control": "no-store" } });
      }),
    );
    await browser.get("/api/github/secret", CSRF);
    await browser.get("/api/github/secret", CSRF);
    expect(seen).toEqual([null, null]);
  });

  it("when PROXY_ETAG_CACHE is off, then no If-None-Match is sent upstream", async () => {
    const { browser } = await signedIn({ PROXY_ETAG_CACHE: "off" });
    const seen = recordConditionals("/user");
    await browser.get("/api/github/user", CSRF);
    const second = await browser.get("/api/github/user", CSRF);
    expect(second.status).toBe(200);
    expect(seen).toEqual([null, null]);
  });
  it("when a 304 is answered from the cache, then the proxy's header rules still hold", async () => {
    const { browser } = await signedIn();
    let calls = 0;
    github.use(
      http.get(`${githubBase()}/api/v3/things/links`, () => {
        calls += 1;
        const headers = {
          etag: '"l"',
          link: `<${githubBase()}/api/v3/things/links?page=2>; rel="next"`,
          "set-cookie": "tracker=1",
          "access-control-allow-origin": "*",
          "x-request-id": "from-github",
        };
        return calls === 1
          ? HttpResponse.json({ page: 1 }, { headers })
          : new HttpResponse(null, { status: 304, headers });
      }),
    );
    await browser.get("/api/github/things/links", CSRF);
    const replayed = await browser.get("/api/github/things/links", CSRF);
    expect(calls).toBe(2);
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toEqual({ page: 1 });
    expect(replayed.headers.get("link")).toBe('</api/github/things/links?page=2>; rel="next"');
    expect(replayed.headers.get("set-cookie")).toBeNull();
    expect(replayed.headers.get("access-control-allow-origin")).toBeNull();
    expect(replayed.headers.get("x-request-id")).not.toBe("from-github");
  });

  it("when GitHub answers 401 to a conditional request, then the 401 passes and the session ends", async () => {
    const { browser } = await signedIn();
    versionedResource("/things/1");
    await browser.get("/api/github/things/1", CSRF);
    github.use(
      http.get(`${githubBase()}/api/v3/things/1`, () =>
        HttpResponse.json({ message: "Bad credentials" }, { status: 401 }),
      ),
    );
    expect((await browser.get("/api/github/things/1", CSRF)).status).toBe(401);
    expect(browser.sessionCookie()).toBeUndefined();
  });
});
