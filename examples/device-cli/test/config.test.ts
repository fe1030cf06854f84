import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.js";

describe("parseConfig", () => {
  it("when nothing is set, then it signs in to the mock GitHub with its client id", () => {
    expect(parseConfig({})).toEqual({
      githubUrl: "http://localhost:4000",
      githubApiUrl: undefined,
      clientId: "mock-client-id",
      scopes: undefined,
    });
  });

  it("when everything is set, then it is read, scopes split on spaces and commas", () => {
    expect(
      parseConfig({
        GITHUB_URL: "https://github.com",
        GITHUB_API_URL: "https://api.github.com",
        GITHUB_CLIENT_ID: " Iv1.abc ",
        GITHUB_SCOPES: "read:user, repo  gist",
      }),
    ).toEqual({
      githubUrl: "https://github.com",
      githubApiUrl: "https://api.github.com",
      clientId: "Iv1.abc",
      scopes: ["read:user", "repo", "gist"],
    });
  });

  it("when both URLs are wrong, then one ConfigError names both", () => {
    expect(() => parseConfig({ GITHUB_URL: "ftp://x", GITHUB_API_URL: "api" })).toThrow(
      new ConfigError(
        'GITHUB_URL must be an http(s) URL, got "ftp://x"; GITHUB_API_URL must be an http(s) URL, got "api"',
      ),
    );
  });
});
