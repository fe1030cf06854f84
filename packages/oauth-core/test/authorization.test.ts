import { describe, expect, it } from "vitest";
import { computeCodeChallenge, createAuthorizationRequest } from "../src/index.js";
import { argumentError } from "./support/argument-error.js";
import { exampleProvider } from "./support/example-provider.js";
import { CLIENT_ID, REDIRECT_URI, testGitHub } from "./support/github.js";

describe("createAuthorizationRequest", () => {
  it("when called for GitHub, then the URL carries code flow, client, redirect, scopes, state and S256 PKCE", async () => {
    const { url, state, codeVerifier } = await createAuthorizationRequest(testGitHub(), {
      redirectUri: REDIRECT_URI,
    });
    expect(`${url.origin}${url.pathname}`).toBe("https://github.com/login/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: "read:user user:email",
      state,
      code_challenge: await computeCodeChallenge(codeVerifier),
      code_challenge_method: "S256",
    });
    expect(codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("when called twice, then state and verifier are fresh each time", async () => {
    const provider = testGitHub();
    const first = await createAuthorizationRequest(provider, { redirectUri: REDIRECT_URI });
    const second = await createAuthorizationRequest(provider, { redirectUri: REDIRECT_URI });
    expect(second.state).not.toBe(first.state);
    expect(second.codeVerifier).not.toBe(first.codeVerifier);
  });

  it("when scopes are given, then they replace the defaults, space-separated", async () => {
    const { url } = await createAuthorizationRequest(testGitHub(), {
      redirectUri: REDIRECT_URI,
      scopes: ["read:user", "read:org"],
    });
    expect(url.searchParams.get("scope")).toBe("read:user read:org");
  });

  it("when scopes are empty, then no scope parameter is sent", async () => {
    const { url } = await createAuthorizationRequest(testGitHub(), {
      redirectUri: REDIRECT_URI,
      scopes: [],
    });
    expect(url.searchParams.has("scope")).toBe(false);
  });

  it("when a scope holds a space or a quote, then it is an ArgumentError", async () => {
    for (const scope of ["read:user repo", 'a"b', ""]) {
      await expect(
        createAuthorizationRequest(testGitHub(), { redirectUri: REDIRECT_URI, scopes: [scope] }),
      ).rejects.toThrow(argumentError("scopes"));
    }
  });

  it("when the endpoint already has a query, then it is kept", async () => {
    const { url } = await createAuthorizationRequest(exampleProvider(), {
      redirectUri: REDIRECT_URI,
    });
    expect(url.searchParams.get("tenant")).toBe("acme");
    expect(url.searchParams.get("client_id")).toBe("client id:é");
  });

  it("when the provider does not take PKCE, then no challenge is sent", async () => {
    const { url } = await createAuthorizationRequest(exampleProvider({ pkce: false }), {
      redirectUri: REDIRECT_URI,
    });
    expect(url.searchParams.has("code_challenge")).toBe(false);
    expect(url.searchParams.has("code_challenge_method")).toBe(false);
  });

  it("when the redirect URI is not an absolute http(s) URL without fragment, then it is an ArgumentError", async () => {
    for (const redirectUri of [
      "/auth/github/callback",
      "javascript:alert(1)",
      "https://app.example.com/cb#frag",
      "",
    ]) {
      await expect(createAuthorizationRequest(testGitHub(), { redirectUri })).rejects.toThrow(
        argumentError("redirectUri"),
      );
    }
  });
});
