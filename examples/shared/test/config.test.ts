import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

const APP = { GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "s3cret" };

describe("loadConfig", () => {
  it("when only the app's credentials are set, then it serves localhost:3000 for github.com", () => {
    expect(loadConfig(APP)).toEqual({
      port: 3000,
      publicUrl: new URL("http://localhost:3000"),
      githubUrl: "https://github.com",
      clientId: "Iv1.abc",
      clientSecret: "s3cret",
    });
  });

  it("when everything is set, then it is read as given, trailing slashes dropped", () => {
    const config = loadConfig({
      ...APP,
      PORT: "8080",
      PUBLIC_URL: "https://app.example.com/",
      GITHUB_URL: "https://github.example.com/",
    });
    expect(config).toMatchObject({ port: 8080, githubUrl: "https://github.example.com" });
    expect(config.publicUrl.origin).toBe("https://app.example.com");
  });

  it("when the credentials are missing, then one ConfigError names both", () => {
    expect(() => loadConfig({ GITHUB_CLIENT_ID: "  " })).toThrow(
      new ConfigError("GITHUB_CLIENT_ID is not set; GITHUB_CLIENT_SECRET is not set"),
    );
  });

  it.each([
    [{ PORT: "80a" }, 'PORT must be a port number (1-65535), got "80a"'],
    [{ PORT: "70000" }, 'PORT must be a port number (1-65535), got "70000"'],
    [{ PUBLIC_URL: "example.com" }, 'PUBLIC_URL must be an http(s) URL, got "example.com"'],
    [{ PUBLIC_URL: "https://example.com/app" }, "PUBLIC_URL must be an origin without a path"],
    [
      { GITHUB_URL: "ftp://github.com" },
      'GITHUB_URL must be an http(s) URL, got "ftp://github.com"',
    ],
  ])("when %o, then the ConfigError says %s", (env, message) => {
    expect(() => loadConfig({ ...APP, ...env })).toThrow(message);
  });
});
