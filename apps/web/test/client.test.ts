import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { ApiError, getMe, getProviders, githubGet, logout } from "../src/api";
import { octocat, sessionFor } from "../src/mocks";
import { gateway, server } from "./server";

describe("getMe", () => {
  it("when a session exists, then the user, provider and expiry are returned", async () => {
    const session = sessionFor(octocat);
    gateway.signIn(session);
    await expect(getMe()).resolves.toEqual(session);
  });

  it("when the gateway answers 401, then it resolves to null", async () => {
    await expect(getMe()).resolves.toBeNull();
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
});

describe("getProviders", () => {
  it("when the gateway lists providers, then they are returned", async () => {
    await expect(getProviders()).resolves.toEqual([
      { id: "github", name: "GitHub", loginUrl: "/auth/github/login" },
    ]);
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
