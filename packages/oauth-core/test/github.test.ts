import { describe, expect, it, vi } from "vitest";
import { type GitHubOptions, github } from "../src/index.js";
import { argumentError, INVALID_COMMON_OPTIONS } from "./support/argument-error.js";
import { CLIENT_ID, CLIENT_SECRET, testGitHub } from "./support/github.js";

describe("github()", () => {
  it("when given only credentials, then it describes github.com with PKCE and least scopes", () => {
    expect(testGitHub()).toEqual({
      id: "github",
      name: "GitHub",
      protocol: "oauth2",
      clientId: CLIENT_ID,
      scopes: ["read:user", "user:email"],
      issuer: undefined,
      issuerParameter: false,
      endpoints: {
        authorization: "https://github.com/login/oauth/authorize",
        token: "https://github.com/login/oauth/access_token",
        device: "https://github.com/login/device/code",
      },
      capabilities: {
        refresh: "on request",
        revoke: true,
        revokeRefresh: false,
        device: true,
        pkce: true,
        verifiedEmail: true,
        uniqueLogin: true,
        endSession: false,
        backchannelLogout: false,
      },
      access: ["users", "emails", "emailDomains", "orgs", "teams"],
      api: {
        baseUrl: "https://api.github.com",
        scheme: "Bearer",
        headers: { "x-github-api-version": "2022-11-28" },
        requestHeaders: ["x-github-api-version", "time-zone"],
        etags: true,
      },
      tokenParams: [],
    });
  });

  it("when it has no client secret, then it is a public client that cannot revoke", () => {
    const provider = github({ clientId: CLIENT_ID });
    expect(provider.capabilities).toMatchObject({ revoke: false, device: true });
  });

  it("when url is a GitHub Enterprise Server, then the API is under /api/v3", () => {
    const provider = testGitHub({ url: "https://ghe.example.com" });
    expect(provider.endpoints).toEqual({
      authorization: "https://ghe.example.com/login/oauth/authorize",
      token: "https://ghe.example.com/login/oauth/access_token",
      device: "https://ghe.example.com/login/device/code",
    });
    expect(provider.api?.baseUrl).toBe("https://ghe.example.com/api/v3");
  });

  it("when urls end with slashes, then they are trimmed", () => {
    expect(testGitHub({ url: "https://github.com//" }).api?.baseUrl).toBe("https://api.github.com");
    const ghes = testGitHub({ url: "http://localhost:4000/" });
    expect(ghes.endpoints.token).toBe("http://localhost:4000/login/oauth/access_token");
    expect(ghes.api?.baseUrl).toBe("http://localhost:4000/api/v3");
  });

  it("when apiUrl is given, then it overrides the derived one", () => {
    const provider = testGitHub({
      url: "https://ghe.example.com",
      apiUrl: "https://api.ghe.example.com/",
    });
    expect(provider.api?.baseUrl).toBe("https://api.ghe.example.com");
  });

  it("when github.com is reached over http or with a path, then it is treated as an Enterprise Server", () => {
    expect(testGitHub({ url: "http://github.com" }).api?.baseUrl).toBe("http://github.com/api/v3");
    expect(testGitHub({ url: "https://github.com/sub" }).api?.baseUrl).toBe(
      "https://github.com/sub/api/v3",
    );
  });

  it("when scopes are given, then they replace the defaults and cannot be changed later", () => {
    const scopes = ["read:user"];
    const provider = testGitHub({ scopes });
    scopes.push("repo");
    expect(provider.scopes).toEqual(["read:user"]);
    expect(Object.isFrozen(provider.scopes)).toBe(true);
  });

  it("when options are invalid, then it is an ArgumentError naming the option", () => {
    const bad: [Partial<GitHubOptions>, string][] = [
      ...INVALID_COMMON_OPTIONS,
      [{ url: "github.com" }, "url"],
      [{ url: "ftp://github.com" }, "url"],
      [{ apiUrl: "/api" }, "apiUrl"],
    ];
    for (const [options, name] of bad) {
      expect(() =>
        github({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options }),
      ).toThrow(argumentError(name));
    }
  });

  it("when the provider is serialized or printed, then the client secret does not show", () => {
    const provider = testGitHub({ fetch: vi.fn() });
    expect(JSON.stringify(provider)).not.toContain(CLIENT_SECRET);
    expect(String(Object.entries(provider))).not.toContain(CLIENT_SECRET);
    expect(provider).not.toHaveProperty("clientSecret");
  });
});
