import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { problemsOf, STRONG_SECRET as SECRET } from "./support/config-problems.js";

describe("loadConfig", () => {
  it("when nothing is set in development, then it signs in with the mock's GitHub and Google, with an ephemeral secret", () => {
    const config = loadConfig({});
    expect(config.env).toBe("development");
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe("http://localhost:5173");
    expect(config.providers).toEqual([
      {
        id: "github",
        clientId: "mock-client-id",
        clientSecret: "mock-client-secret",
        scopes: undefined,
        settings: { url: "http://localhost:4000" },
        access: {},
        logout: "local",
        usingMock: true,
      },
      {
        id: "google",
        clientId: "mock-google-client-id",
        clientSecret: "mock-google-client-secret",
        scopes: undefined,
        // The mock's Google APIs, so a mock Google session can call Drive through the gateway.
        settings: {
          issuer: "http://localhost:4000/oidc",
          apiUrl: "http://localhost:4000/googleapis",
        },
        access: {},
        logout: "local",
        usingMock: true,
      },
    ]);
    expect(config.sessionSecretIsEphemeral).toBe(true);
    expect(Object.values(config.sessionSecrets)[0]?.length).toBeGreaterThanOrEqual(32);
  });

  it("when the dev ports are moved, then the mock URL and public URL follow them", () => {
    const config = loadConfig({ MOCK_GITHUB_PORT: "4100", WEB_PORT: "5200" });
    expect(config.providers.map((p) => p.settings)).toEqual([
      { url: "http://localhost:4100" },
      { issuer: "http://localhost:4100/oidc", apiUrl: "http://localhost:4100/googleapis" },
    ]);
    expect(config.publicUrl).toBe("http://localhost:5200");
  });

  it("when GITHUB_CLIENT_ID is set, then only the real GitHub is offered, with its defaults", () => {
    const config = loadConfig({ GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "s3cret" });
    expect(config.providers).toEqual([
      {
        id: "github",
        clientId: "Iv1.abc",
        clientSecret: "s3cret",
        scopes: undefined,
        settings: {},
        access: {},
        logout: "local",
        usingMock: false,
      },
    ]);
  });

  it("when several providers are configured, then each is enabled with its own settings and scopes", () => {
    const config = loadConfig({
      GITHUB_CLIENT_ID: "gh",
      GITHUB_CLIENT_SECRET: "gh-secret",
      GITHUB_SCOPES: "read:user,read:org",
      OIDC_CLIENT_ID: "corp",
      OIDC_CLIENT_SECRET: "corp-secret",
      OIDC_ISSUER: "https://login.corp.example",
      OIDC_NAME: "Corp SSO",
    });
    expect(config.providers.map((p) => [p.id, p.scopes, p.settings])).toEqual([
      ["github", ["read:user", "read:org"], {}],
      ["oidc", undefined, { issuer: "https://login.corp.example", name: "Corp SSO" }],
    ]);
  });

  it("when a provider lacks its secret or a required setting, then each problem is named", () => {
    const problems = problemsOf({ OIDC_CLIENT_ID: "corp", GITHUB_CLIENT_ID: "g" });
    expect(problems).toContain("OIDC_CLIENT_SECRET: required when OIDC_CLIENT_ID is set");
    expect(problems).toContain("GITHUB_CLIENT_SECRET: required when GITHUB_CLIENT_ID is set");
    const missingIssuer = problemsOf({ OIDC_CLIENT_ID: "corp", OIDC_CLIENT_SECRET: "s" });
    expect(missingIssuer[0]).toMatch(/^OIDC_ISSUER: required for OpenID Connect/);
  });

  it("when <ID>_LOGOUT is provider for an OpenID Connect provider, then it is kept; for another or an unknown value, it is refused", () => {
    const oidc = {
      OIDC_CLIENT_ID: "corp",
      OIDC_CLIENT_SECRET: "s",
      OIDC_ISSUER: "https://id.example",
    };
    const config = loadConfig({ ...oidc, OIDC_LOGOUT: "provider" });
    expect(config.providers.find((p) => p.id === "oidc")?.logout).toBe("provider");
    expect(loadConfig(oidc).providers.find((p) => p.id === "oidc")?.logout).toBe("local");
    expect(
      problemsOf({ GITHUB_CLIENT_ID: "g", GITHUB_CLIENT_SECRET: "s", GITHUB_LOGOUT: "provider" }),
    ).toEqual([
      "GITHUB_LOGOUT: GitHub has no standard provider logout (OpenID Connect providers only)",
    ]);
    expect(problemsOf({ ...oidc, OIDC_LOGOUT: "everywhere" })).toEqual([
      'OIDC_LOGOUT: must be "local" or "provider", not "everywhere"',
    ]);
  });

  it("when SESSION_STORAGE is set, then auto, cookie and server are taken and anything else is refused", () => {
    expect(loadConfig({}).sessionStorage).toBe("auto");
    for (const value of ["auto", "cookie", "server"]) {
      expect(loadConfig({ SESSION_STORAGE: value }).sessionStorage).toBe(value);
    }
    expect(problemsOf({ SESSION_STORAGE: "disk" })[0]).toMatch(/^SESSION_STORAGE: /);
  });

  it("when a provider setting is malformed, then the provider's own check is reported at start", () => {
    const problems = problemsOf({
      OIDC_CLIENT_ID: "corp",
      OIDC_CLIENT_SECRET: "s",
      OIDC_ISSUER: "not a url",
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^OIDC: /);
  });

  it("when GitHub allow-lists are set, then they are parsed, read:org is added and teams must be org/slug", () => {
    const config = loadConfig({
      GITHUB_ALLOWED_ORGS: "github, octo-org",
      GITHUB_ALLOWED_TEAMS: "github/security",
      GITHUB_ALLOWED_USERS: "octocat",
    });
    const github = config.providers.find((p) => p.id === "github");
    expect(github?.access).toEqual({
      orgs: ["github", "octo-org"],
      teams: ["github/security"],
      users: ["octocat"],
    });
    expect(github?.scopes).toEqual(["read:user", "user:email", "read:org"]);
    expect(problemsOf({ GITHUB_ALLOWED_TEAMS: "security" })[0]).toMatch(
      /^GITHUB_ALLOWED_TEAMS: .*org\/team-slug/,
    );
  });

  it("when a provider's lists are set, then each variable is read by its rule's name, the groups claim too", () => {
    const config = loadConfig({
      OIDC_CLIENT_ID: "corp",
      OIDC_CLIENT_SECRET: "corp-secret",
      OIDC_ISSUER: "https://login.corp.example",
      OIDC_ALLOWED_EMAIL_DOMAINS: "corp.example",
      OIDC_ALLOWED_EMAILS: "ada@partner.example",
      OIDC_ALLOWED_GROUPS: "staff admins",
      OIDC_GROUPS_CLAIM: "roles",
    });
    expect(config.providers[0]?.access).toEqual({
      emailDomains: ["corp.example"],
      emails: ["ada@partner.example"],
      groups: ["staff", "admins"],
      groupsClaim: "roles",
    });
    // No rule of OpenID Connect needs a scope of its own.
    expect(config.providers[0]?.scopes).toBeUndefined();
  });

  it.each([
    ["GOOGLE_ALLOWED_ORGS", "octo-org"],
    ["GOOGLE_ALLOWED_TEAMS", "octo-org/core"],
    ["GITHUB_ALLOWED_GROUPS", "staff"],
    ["GITHUB_GROUPS_CLAIM", "roles"],
    ["GOOGLE_ALLOWED_EMAIL_DOMAINS", "someone@example.com"],
  ])(
    "when %s is set to a list the provider cannot apply, then the start fails naming it",
    (name, value) => {
      const problems = problemsOf({ [name]: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]?.startsWith(`${name}: `)).toBe(true);
    },
  );

  it("when several lists are wrong, then every one is reported at once", () => {
    const problems = problemsOf({
      GOOGLE_ALLOWED_ORGS: "octo-org",
      GITHUB_ALLOWED_GROUPS: "staff",
    });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "GITHUB_ALLOWED_GROUPS",
      "GOOGLE_ALLOWED_ORGS",
    ]);
  });

  it("when production lacks everything, then every problem is reported at once", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toMatch(/SESSION_SECRET: required in production/);
    expect(problems.join("\n")).toMatch(/at least one sign-in provider is required in production/);
    expect(problems.join("\n")).toMatch(/PUBLIC_URL: required in production/);
  });

  it("when values are malformed, then each names its variable", () => {
    const problems = problemsOf({ PORT: "eighty", PUBLIC_URL: "ftp://x", LOG_LEVEL: "loud" });
    expect(problems.some((p) => p.startsWith("PORT"))).toBe(true);
    expect(problems.some((p) => p.startsWith("PUBLIC_URL"))).toBe(true);
    expect(problems.some((p) => p.startsWith("LOG_LEVEL"))).toBe(true);
  });

  it.each([
    ["http://localhost:4000/", "http://localhost:4000"],
    ["https://ghe.example.com//", "https://ghe.example.com"],
    [" https://ghe.example.com ", "https://ghe.example.com"],
    ["http://127.0.0.1:3000", "http://127.0.0.1:3000"],
    ["http://[::1]:3000", "http://[::1]:3000"],
    ["http://x", "http://x"],
  ])("when GITHUB_URL is %j, then it is taken as %j", (value, taken) => {
    expect(loadConfig({ GITHUB_URL: value }).providers[0]?.settings).toEqual({ url: taken });
  });

  it.each([
    ["not a url", ["Invalid URL", "must be an http(s) URL"]],
    ["http://", ["Invalid URL"]],
    ["http://a b.example", ["Invalid URL"]],
    ["ftp://x", ["must be an http(s) URL"]],
    ["localhost:3000", ["must be an http(s) URL"]],
    ["javascript:alert(1)", ["must be an http(s) URL"]],
    ["https:x", ["must be an http(s) URL"]],
    ["HTTPS://A.example", ["must be an http(s) URL"]],
  ])(
    "when a URL setting is %j, then it is refused and the message names the variable",
    (value, messages) => {
      for (const name of ["PUBLIC_URL", "GITHUB_URL", "GITHUB_API_URL"]) {
        expect(problemsOf({ [name]: value })).toEqual(messages.map((m) => `${name}: ${m}`));
      }
    },
  );

  it("when the secret is short, then it is refused", () => {
    expect(problemsOf({ SESSION_SECRET: "short" })).toEqual([
      "SESSION_SECRET: must be at least 32 characters",
    ]);
  });

  const production = {
    NODE_ENV: "production",
    SESSION_SECRET: SECRET,
    GITHUB_CLIENT_ID: "id",
    GITHUB_CLIENT_SECRET: "secret",
    PUBLIC_URL: "https://app.example.com",
  };

  it.each([
    ["32 identical characters", "a".repeat(32)],
    ["40 identical characters", "s".repeat(40)],
    ["a short pattern repeated", "abcd".repeat(10)],
    ["a word repeated", "password".repeat(5)],
    ["a run of the alphabet", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"],
    ["digits counting up", "0123456789012345678901234567890123456789"],
  ])("when production's SESSION_SECRET is %s, then it is refused as guessable", (_label, weak) => {
    const problems = problemsOf({ ...production, SESSION_SECRET: weak });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SESSION_SECRET: too predictable .*openssl rand -base64 48/);
    expect(problems[0]).not.toContain(weak);
    expect(
      problemsOf({ ...production, SESSION_SECRET: "", SESSION_SECRETS: `2:${weak},1:${SECRET}` }),
    ).toEqual([expect.stringMatching(/^SESSION_SECRETS \(id 2\): too predictable/)]);
  });

  it.each([
    ["openssl rand -base64 48", "q3J0V5mXc8rT1zLkP9wYbN2sHfGd4aEuR7tC6vJpQxMnZ0kB1yWlS8oIeUgA5hDf"],
    ["openssl rand -hex 16", "9f86d081884c7d659a2feaa0c55ad015"],
    ["openssl rand -base64 24", "mY0zR1pL9qW2eT8uI3oP7aS6dF4gH5jK"],
  ])("when production's SESSION_SECRET looks like %s, then it is accepted", (_label, strong) => {
    expect(loadConfig({ ...production, SESSION_SECRET: strong }).sessionSecrets).toEqual({
      "1": strong,
    });
  });

  it.each([
    "http://app.example.com",
    "http://10.0.0.5:3000",
    "http://localhost.example.com",
    "http://127.0.0.2:3000",
  ])("when production's PUBLIC_URL is %s, then it is refused with the reason", (url) => {
    expect(problemsOf({ ...production, PUBLIC_URL: url })).toEqual([
      "PUBLIC_URL: must be https in production (session cookies would travel in clear text); plain http is allowed only on loopback: localhost, 127.0.0.1, [::1]",
    ]);
  });

  it.each([
    "http://localhost:3000",
    "http://127.0.0.1:8080",
    "http://[::1]:3000",
    "https://app.example.com",
  ])(
    "when production's PUBLIC_URL is %s, then it is accepted (a secure context for browsers)",
    (url) => {
      expect(loadConfig({ ...production, PUBLIC_URL: url }).publicUrl).toBe(new URL(url).origin);
    },
  );

  it("when nothing chooses a store, then tests use memory and the other environments a SQLite file in DATA_DIR", () => {
    expect(loadConfig({ NODE_ENV: "test" })).toMatchObject({ store: "memory", dataDir: undefined });
    const development = loadConfig({});
    expect(development.store).toBe("sqlite");
    expect(development.dataDir).toMatch(/apps\/gateway\/data$/);
    expect(loadConfig({ DATA_DIR: "relative/here" }).dataDir).toBe(resolve("relative/here"));
    expect(loadConfig({ REDIS_URL: "redis://localhost:6379" })).toMatchObject({
      store: "redis",
      dataDir: undefined,
    });
    expect(loadConfig({ STORE: "memory" })).toMatchObject({ store: "memory", dataDir: undefined });
  });

  it("when STORE contradicts the Redis settings, then it is refused", () => {
    expect(problemsOf({ STORE: "redis" })).toEqual([
      "STORE: redis needs REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES",
    ]);
    expect(problemsOf({ STORE: "sqlite", REDIS_URL: "redis://localhost:6379" })).toEqual([
      "STORE: is sqlite, but a Redis is configured; remove one of the two",
    ]);
    expect(problemsOf({ STORE: "disk" })[0]).toMatch(/^STORE: /);
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
    expect(config.providers[0]?.settings).toEqual({ url: "https://ghe.example.com" });
    expect(config.trustProxy).toBe(1);
  });
  it("when PROXY_METHODS is set, then it wins over its former name; unset means GET and HEAD", () => {
    expect(loadConfig({}).proxyMethods).toEqual(["GET", "HEAD"]);
    expect(loadConfig({ GITHUB_PROXY_METHODS: "get post" }).proxyMethods).toEqual(["GET", "POST"]);
    expect(
      loadConfig({ PROXY_METHODS: "GET,DELETE", GITHUB_PROXY_METHODS: "GET,POST" }).proxyMethods,
    ).toEqual(["GET", "DELETE"]);
  });

  it("when PROXY_METHODS names a method no proxy forwards, then the variable is named", () => {
    expect(problemsOf({ PROXY_METHODS: "GET,TRACE" }).join("\n")).toMatch(/^PROXY_METHODS/m);
    expect(problemsOf({ PROXY_METHODS: " , " }).join("\n")).toMatch(/^PROXY_METHODS/m);
  });

  it("when the caches are not configured, then both are on with their bounds; off turns them off", () => {
    const config = loadConfig({});
    expect(config.sealCache).toEqual({ enabled: true, maxEntries: 10_000 });
    expect(config.proxyEtagCache).toEqual({
      enabled: true,
      maxEntries: 10_000,
      maxBytes: 64 * 1024 * 1024,
    });
    const off = loadConfig({
      SEAL_CACHE: "off",
      SEAL_CACHE_SIZE: "5",
      PROXY_ETAG_CACHE: "off",
      PROXY_ETAG_CACHE_ENTRIES: "6",
      PROXY_ETAG_CACHE_MAX_BYTES: "7",
    });
    expect(off.sealCache).toEqual({ enabled: false, maxEntries: 5 });
    expect(off.proxyEtagCache).toEqual({ enabled: false, maxEntries: 6, maxBytes: 7 });
  });

  it("when the cache settings are invalid, then every one is reported at once", () => {
    const problems = problemsOf({
      SEAL_CACHE: "maybe",
      SEAL_CACHE_SIZE: "0",
      PROXY_ETAG_CACHE: "yes",
      PROXY_ETAG_CACHE_ENTRIES: "-1",
      PROXY_ETAG_CACHE_MAX_BYTES: "lots",
    });
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "SEAL_CACHE",
      "SEAL_CACHE_SIZE",
      "PROXY_ETAG_CACHE",
      "PROXY_ETAG_CACHE_ENTRIES",
      "PROXY_ETAG_CACHE_MAX_BYTES",
    ]);
  });
});
