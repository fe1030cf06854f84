import { describe, expect, it } from "vitest";
import { redactUrl } from "../src/http/logger.js";

describe("redactUrl", () => {
  it("when a callback URL carries a code and state, then their values never reach the log", () => {
    const logged = redactUrl("/auth/github/callback?code=abc123&state=xyz789");
    expect(logged).toBe("/auth/github/callback?code=[redacted]&state=[redacted]");
    expect(logged).not.toContain("abc123");
    expect(logged).not.toContain("xyz789");
  });

  it("when the query holds no secret, then it is kept", () => {
    expect(redactUrl("/api/github/user/repos?page=2")).toBe("/api/github/user/repos?page=2");
  });

  it("when a token is smuggled into a query in any case, then it is redacted", () => {
    expect(redactUrl("/x?Access_Token=t0ken")).not.toContain("t0ken");
  });
});
