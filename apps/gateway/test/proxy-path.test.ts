import { describe, expect, it } from "vitest";
import { checkProxyPath } from "../src/api/proxy-path.js";
import { HttpError } from "../src/http/errors.js";

describe("checkProxyPath", () => {
  it.each([
    "/user",
    "/user/repos?page=2&per_page=10",
    "/repos/octocat/hello-world",
    "/",
    "/repos/octocat/hello.world/contents/.github/a%20b.md",
    "/search/code?q=a/../b",
  ])("when the path is %s, then it is accepted", (path) => {
    expect(() => checkProxyPath(path, "GitHub")).not.toThrow();
  });

  it.each([
    "/../x",
    "/%2e%2e/x",
    "/%2E%2E/x",
    "/a/./b",
    "/a%2fb",
    "/a%2Fb",
    "/a%5cb",
    "/a\\b",
    "/%E0%A4%A",
    "/a%00b",
    "/user/..",
    "/a/.%2e/b",
    "/a/%2E",
    "/a\u0001b",
  ])("when the path is %s, then it is a 400 invalid_path", (path) => {
    try {
      checkProxyPath(path, "GitHub");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(HttpError);
      expect(err).toMatchObject({ status: 400, code: "invalid_path" });
    }
  });

  it("when a Google API path is refused, then the message names Google's API, not GitHub's", () => {
    expect(() => checkProxyPath("/../x", "Google")).toThrow(
      "The API path is not a valid Google API path.",
    );
  });
});
