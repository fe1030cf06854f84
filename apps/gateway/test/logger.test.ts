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

  it.each(["//", "///", "//a^b", "/%zz", "http://[::1", "*"])(
    "when the target is %s, which no URL parser accepts as a path, then it is logged as it came, never thrown",
    (target) => {
      expect(redactUrl(target)).toBe(target);
    },
  );

  it("when an odd target has a query, then the query is kept in its usual form", () => {
    expect(redactUrl("//?x")).toBe("//?x=");
    expect(redactUrl("//?code=c0de")).toBe("//?code=[redacted]");
  });

  it("when a Location names another origin, then it is kept and only its secrets are redacted", () => {
    expect(redactUrl("https://github.com/login/oauth/authorize?client_id=c&state=s1")).toBe(
      "https://github.com/login/oauth/authorize?client_id=c&state=[redacted]",
    );
  });

  it("when a Location carries a fragment, then the fragment is never logged", () => {
    const logged = redactUrl("/done?x=1#access_token=t0ken");
    expect(logged).toBe("/done?x=1#[redacted]");
  });
});
