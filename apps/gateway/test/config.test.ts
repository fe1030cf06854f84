import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

const SECRET = "x".repeat(32);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("when nothing is set in development, then it points at the mock GitHub with an ephemeral secret", () => {
    const config = loadConfig({});
    expect(config.env).toBe("development");
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe("http://localhost:5173");
    expect(config.github).toMatchObject({
      clientId: "mock-client-id",
      clientSecret: "mock-client-secret",
      url: "http://localhost:4000",
      usingMock: true,
    });
    expect(config.sessionSecretIsEphemeral).toBe(true);
    expect(Object.values(config.sessionSecrets)[0]?.length).toBeGreaterThanOrEqual(32);
  });

  it("when the dev ports are moved, then the mock URL and public URL follow them", () => {
    const config = loadConfig({ MOCK_GITHUB_PORT: "4100", WEB_PORT: "5200" });
    expect(config.github.url).toBe("http://localhost:4100");
    expect(config.publicUrl).toBe("http://localhost:5200");
  });

  it("when GITHUB_CLIENT_ID is set, then the real github.com is used", () => {
    const config = loadConfig({ GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "s3cret" });
    expect(config.github).toMatchObject({
      clientId: "Iv1.abc",
      url: "https://github.com",
      usingMock: false,
    });
  });

  it("when production lacks everything, then every problem is reported at once", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toMatch(/SESSION_SECRET: required in production/);
    expect(problems.join("\n")).toMatch(/GITHUB_CLIENT_ID: required in production/);
    expect(problems.join("\n")).toMatch(/PUBLIC_URL: required in production/);
  });

  it("when values are malformed, then each names its variable", () => {
    const problems = problemsOf({ PORT: "eighty", PUBLIC_URL: "ftp://x", LOG_LEVEL: "loud" });
    expect(problems.some((p) => p.startsWith("PORT"))).toBe(true);
    expect(problems.some((p) => p.startsWith("PUBLIC_URL"))).toBe(true);
    expect(problems.some((p) => p.startsWith("LOG_LEVEL"))).toBe(true);
  });

  it("when the secret is short, then it is refused", () => {
    expect(problemsOf({ SESSION_SECRET: "short" })).toEqual([
      "SESSION_SECRET: must be at least 32 characters",
    ]);
  });

  it("when a client id comes without its secret, then it is refused", () => {
    expect(problemsOf({ GITHUB_CLIENT_ID: "abc" })).toEqual([
      "GITHUB_CLIENT_SECRET: required when GITHUB_CLIENT_ID is set",
    ]);
  });

  it("when SESSION_SECRETS lists ids, then each id keeps its secret", () => {
    const other = "y".repeat(40);
    const config = loadConfig({ SESSION_SECRETS: `2:${other},1:${SECRET}` });
    expect(config.sessionSecrets).toEqual({ "1": SECRET, "2": other });
    expect(config.sessionSecretIsEphemeral).toBe(false);
    expect(problemsOf({ SESSION_SECRETS: "nonsense" })[0]).toMatch(/SESSION_SECRETS/);
  });

  it("when production is fully configured, then cookies follow the https public URL", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      SESSION_SECRET: SECRET,
      GITHUB_CLIENT_ID: "id",
      GITHUB_CLIENT_SECRET: "secret",
      PUBLIC_URL: "https://app.example.com/",
      GITHUB_URL: "https://ghe.example.com",
      TRUST_PROXY: "1",
    });
    expect(config.publicUrl).toBe("https://app.example.com");
    expect(config.github.url).toBe("https://ghe.example.com");
    expect(config.trustProxy).toBe(1);
  });
});
