import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { problemsOf, STRONG_SECRET as SECRET } from "./support/config-problems.js";

const PRODUCTION = {
  NODE_ENV: "production",
  PUBLIC_URL: "https://app.example.com",
  SESSION_SECRET: SECRET,
  GOOGLE_CLIENT_ID: "id",
  GOOGLE_CLIENT_SECRET: "secret",
};

describe("UPSTREAMS", () => {
  it("when nothing is set, then there are no upstreams", () => {
    expect(loadConfig({}).upstreams).toEqual([]);
  });

  it("when upstreams are listed, then each is a name and a base URL without its trailing slash", () => {
    const config = loadConfig({
      UPSTREAMS: " orders=https://orders.internal/api/ , billing=http://127.0.0.1:9000",
    });
    expect(config.upstreams).toEqual([
      { name: "orders", url: "https://orders.internal/api" },
      { name: "billing", url: "http://127.0.0.1:9000" },
    ]);
  });

  it("when production names a loopback http upstream, then it is accepted; a remote one is not", () => {
    expect(
      loadConfig({ ...PRODUCTION, UPSTREAMS: "billing=http://localhost:9000" }).upstreams,
    ).toHaveLength(1);
    expect(problemsOf({ ...PRODUCTION, UPSTREAMS: "billing=http://billing.internal" })).toEqual([
      expect.stringMatching(/^UPSTREAMS: "billing": must be https in production/),
    ]);
  });

  it("when entries are wrong in every way, then every problem is reported at once, naming UPSTREAMS", () => {
    const problems = problemsOf({
      UPSTREAMS: [
        "orders",
        "Orders=https://a.example",
        "github=https://b.example",
        "me=https://c.example",
        "sessions=https://d.example",
        "ok=ftp://e.example",
        "creds=https://user:pw@f.example",
        "twice=https://g.example",
        "twice=https://h.example",
      ].join(","),
      PROXY_METHODS: "GET",
    });
    expect(problems.every((p) => p.startsWith("UPSTREAMS: "))).toBe(true);
    expect(problems.map((p) => p.slice("UPSTREAMS: ".length).split(":")[0])).toEqual([
      '"orders"',
      '"Orders"',
      '"github"',
      '"me"',
      '"sessions"',
      '"ok"',
      '"creds"',
      '"twice"',
    ]);
    expect(problems[2]).toContain("a provider's id");
    expect(problems[7]).toContain("named twice");
  });
});
