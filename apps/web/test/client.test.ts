import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { ApiError, getMe, getProviders, githubGet, logout, proxiedGet } from "../src/api";
import { googler, octocat, sessionFor } from "../src/mocks";
import { gateway, server } from "./server";

describe("getMe", () => {
  it("when a session exists, then the user, provider and expiry are returned", async () => {
    const session = sessionFor(octocat);
    gateway.signIn(session);
    await expect(getMe()).resolves.toEqual(session);
  });

  it("when the body has no providerName, then the provider is named by its id", async () => {
    const { providerName: _, ...older } = sessionFor(octocat);
    server.use(http.get("/api/me", () => HttpResponse.json(older)));
    await expect(getMe()).resolves.toMatchObject({ provider: "github", providerName: "github" });
  });

  it("when the gateway answers 401, then it resolves to null", async () => {
    await expect(getMe()).resolves.toBeNull();
  });

  it("when the gateway answers 401, then the body is read so the request completes", async () => {
    const answer = Response.json({ error: "unauthenticated" }, { status: 401 });
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockResolvedValue(answer);
    try {
      await expect(getMe()).resolves.toBeNull();
      expect(answer.bodyUsed).toBe(true);
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it("when the gateway answers 500, then an ApiError carries the status and code", async () => {
    server.use(
      http.get("/api/me", () =>
        HttpResponse.json({ error: "server_error", message: "Boom" }, { status: 500 }),
      ),
    );
    const error = await getMe().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, code: "server_error", message: "Boom" });
  });

  it("when an error body is not JSON, then the code is http_error", async () => {
    server.use(
      http.get("/api/me", () => new HttpResponse("<h1>Bad gateway</h1>", { status: 502 })),
    );
    await expect(getMe()).rejects.toMatchObject({ status: 502, code: "http_error" });
  });

  it("when a field has the wrong type, then invalid_response names the field", async () => {
    server.use(
      http.get("/api/me", () =>
        HttpResponse.json({ ...sessionFor(octocat), user: { ...octocat, login: 42 } }),
      ),
    );
    await expect(getMe()).rejects.toMatchObject({
      code: "invalid_response",
      message: '"user.login" must be a string',
    });
  });

  it("when the network fails, then the ApiError has status 0 and network_error", async () => {
    server.use(http.get("/api/me", () => HttpResponse.error()));
    await expect(getMe()).rejects.toMatchObject({ status: 0, code: "network_error" });
  });

  it("when the session lists its APIs, then they are returned", async () => {
    const upstream = { name: "orders", path: "/api/orders", kind: "upstream" } as const;
    gateway.signIn({ ...sessionFor(googler), apis: [...sessionFor(googler).apis, upstream] });
    await expect(getMe()).resolves.toMatchObject({
      apis: [{ name: "google", path: "/api/google", kind: "provider" }, upstream],
    });
  });

  it.each([
    ["missing", undefined],
    ["null", null],
    ["an object", { name: "github", path: "/api/github", kind: "provider" }],
    ["a string", "github"],
  ])("when apis is %s, then the session has none and still loads", async (_, apis) => {
    server.use(http.get("/api/me", () => HttpResponse.json({ ...sessionFor(octocat), apis })));
    await expect(getMe()).resolves.toMatchObject({ user: { login: "octocat" }, apis: [] });
  });

  it("when some apis entries are malformed, then only the sound ones are kept", async () => {
    const sound = { name: "github", path: "/api/github", kind: "provider" };
    const apis = [
      null,
      "github",
      { name: "github", path: "/api/github" },
      { name: "github", path: "/api/github", kind: "admin" },
      { name: 7, path: "/api/github", kind: "provider" },
      { name: "evil", path: "https://evil.example/api", kind: "provider" },
      { name: "evil", path: "/api/../auth", kind: "provider" },
      { name: "evil", path: "//evil.example/api", kind: "upstream" },
      { name: "evil", path: "/api/x?y=1", kind: "upstream" },
      sound,
    ];
    server.use(http.get("/api/me", () => HttpResponse.json({ ...sessionFor(octocat), apis })));
    await expect(getMe()).resolves.toMatchObject({ apis: [sound] });
  });
});

describe("getProviders", () => {
  it("when the gateway lists providers, then each comes with its API path", async () => {
    await expect(getProviders()).resolves.toEqual([
      { id: "github", name: "GitHub", loginUrl: "/auth/github/login", api: "/api/github" },
      { id: "google", name: "Google", loginUrl: "/auth/google/login", api: "/api/google" },
    ]);
  });

  it("when a provider has no API or does not say, then its api is null", async () => {
    server.use(
      http.get("/auth/providers", () =>
        HttpResponse.json({
          providers: [
            { id: "okta", name: "Okta", loginUrl: "/auth/okta/login", api: null },
            { id: "gitlab", name: "GitLab", loginUrl: "/auth/gitlab/login" },
          ],
        }),
      ),
    );
    const providers = await getProviders();
    expect(providers.map((provider) => provider.api)).toEqual([null, null]);
  });

  it("when a provider's api is not a string, then invalid_response names the field", async () => {
    server.use(
      http.get("/auth/providers", () =>
        HttpResponse.json({
          providers: [{ id: "github", name: "GitHub", loginUrl: "/auth/github/login", api: 1 }],
        }),
      ),
    );
    await expect(getProviders()).rejects.toMatchObject({
      code: "invalid_response",
      message: '"providers[0].api" must be a string or null',
    });
  });
});

describe("logout", () => {
  it("when signing out, then it POSTs /auth/logout with X-CSRF: 1 and the cookie", async () => {
    gateway.signIn();
    await logout();
    const [request] = gateway.state.requests;
    expect(request?.method).toBe("POST");
    expect(new URL(request?.url ?? "").pathname).toBe("/auth/logout");
    expect(request?.headers.get("X-CSRF")).toBe("1");
    expect(request?.credentials).toBe("same-origin");
    expect(gateway.state.session).toBeNull();
  });
});

describe("githubGet", () => {
  it("when calling GitHub, then the request carries X-CSRF: 1 and the query", async () => {
    gateway.signIn();
    await githubGet("/user/repos", { per_page: 10, page: 2, sort: "full_name" });
    const request = gateway.state.requests.at(-1);
    expect(request?.headers.get("X-CSRF")).toBe("1");
    const url = new URL(request?.url ?? "");
    expect(url.pathname).toBe("/api/github/user/repos");
    expect(url.search).toBe("?per_page=10&page=2&sort=full_name");
  });

  it("when GitHub paginates, then Link rels and rate-limit headers are parsed", async () => {
    gateway.signIn();
    const response = await githubGet("/user/repos", { per_page: 10, page: 2 });
    expect(Object.keys(response.links).sort()).toEqual(["first", "last", "next", "prev"]);
    expect(response.links.last).toContain("page=4");
    expect(response.rateLimit).toMatchObject({ limit: 5000, remaining: 4999, used: 1 });
    expect(Array.isArray(response.data)).toBe(true);
  });

  it("when the gateway answers 401, then an ApiError with status 401 is thrown", async () => {
    await expect(githubGet("/user/repos")).rejects.toMatchObject({
      status: 401,
      code: "unauthenticated",
    });
  });

  it("when a path would leave /api/github, then it is refused before any request", async () => {
    for (const path of ["/../me", "/%2e%2e/me", "user/repos", "/user?x=1", "/a\\..\\..\\me"]) {
      await expect(githubGet(path)).rejects.toBeInstanceOf(TypeError);
    }
    expect(gateway.state.requests).toHaveLength(0);
  });
});

describe("proxiedGet", () => {
  it("when calling a provider API, then the request goes under its path with X-CSRF: 1", async () => {
    gateway.signIn(sessionFor(googler));
    const response = await proxiedGet("/api/google", "/drive/v3/files");
    const request = gateway.state.requests.at(-1);
    expect(new URL(request?.url ?? "").pathname).toBe("/api/google/drive/v3/files");
    expect(request?.headers.get("X-CSRF")).toBe("1");
    expect(response.data).toMatchObject({ kind: "drive#fileList" });
  });

  it("when a path would leave its API's prefix, then it is refused before any request", async () => {
    for (const path of ["/../github/user", "/%2e%2e/me", "drive/v3/files", "/files#x"]) {
      await expect(proxiedGet("/api/google", path)).rejects.toBeInstanceOf(TypeError);
    }
    expect(gateway.state.requests).toHaveLength(0);
  });
});
