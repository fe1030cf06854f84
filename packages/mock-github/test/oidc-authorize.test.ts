import { describe, expect, it } from "vitest";
import { MOCK_OIDC_CLIENT_ID, MOCK_OIDC_CLIENT_SECRET } from "../src/index.js";
import { pkcePair, useMockGitHub } from "./helpers.js";
import { issuerOf, OIDC_REDIRECT_URI, oidcAuthorizeUrl, submitOidc } from "./oidc-helpers.js";

const REGISTERED = "registered-client";
useMockGitHub({
  oidcClients: [
    { clientId: MOCK_OIDC_CLIENT_ID, clientSecret: MOCK_OIDC_CLIENT_SECRET, name: "Latchkey" },
    { clientId: REGISTERED, clientSecret: "s", redirectUris: [OIDC_REDIRECT_URI] },
  ],
});
const ISSUER = issuerOf();

/** Asserts a redirect back to the client, and answers its query. */
function expectRedirect(response: Response): URLSearchParams {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location") ?? "");
  expect(`${location.origin}${location.pathname}`).toBe(OIDC_REDIRECT_URI);
  return location.searchParams;
}

describe("GET /oidc/authorize", () => {
  it("when the request is valid, then the page offers one Continue button per account and Cancel", async () => {
    const response = await fetch(
      oidcAuthorizeUrl({
        nonce: "n-1",
        code_challenge: pkcePair().challenge,
        code_challenge_method: "S256",
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("<title>Sign in – Google (mock)</title>");
    expect(html).toContain("Sign in with Google");
    expect(html).toContain("continue to <strong>Latchkey</strong>");
    for (const login of ["octocat", "monalisa", "hubot"]) {
      expect(html).toContain(`name="login" value="${login}">Continue as ${login}</button>`);
    }
    expect(html).toMatch(/<button type="submit" name="cancel" value="1">Cancel<\/button>/);
    expect(html).toContain('name="nonce" value="n-1"');
    expect(html).toContain(`action="/oidc/authorize"`);
    expect(response.headers.get("content-security-policy")).toContain(
      "form-action 'self' http://localhost:3000",
    );
  });

  it("when login_hint names an account, then that account comes first", async () => {
    const html = await (await fetch(oidcAuthorizeUrl({ login_hint: "hubot" }))).text();
    expect(html.indexOf("Continue as hubot")).toBeLessThan(html.indexOf("Continue as octocat"));
  });

  it.each([
    ["the client_id is unknown", { client_id: "nobody" }, 401],
    ["redirect_uri is missing", { redirect_uri: undefined }, 400],
    ["redirect_uri is relative", { redirect_uri: "/callback" }, 400],
    [
      "redirect_uri is not registered for the client",
      { client_id: REGISTERED, redirect_uri: "http://localhost:3000/other" },
      400,
    ],
  ])("when %s, then it is an error page and nothing is redirected", async (_, params, status) => {
    const response = await fetch(oidcAuthorizeUrl(params), { redirect: "manual" });
    expect(response.status).toBe(status);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("Google (mock)</title>");
  });

  it("when redirect_uri is registered for the client, then the page shows", async () => {
    const url = oidcAuthorizeUrl({ client_id: REGISTERED });
    expect((await fetch(url)).status).toBe(200);
  });

  it("when a parameter is repeated, then it is an error page", async () => {
    const url = `${oidcAuthorizeUrl()}&state=again`;
    expect((await fetch(url, { redirect: "manual" })).status).toBe(400);
  });

  it.each([
    ["response_type is missing", { response_type: undefined }, "invalid_request"],
    ["response_type is token", { response_type: "token" }, "unsupported_response_type"],
    ["scope lacks openid", { scope: "profile email" }, "invalid_scope"],
    ["a scope is unknown", { scope: "openid drive" }, "invalid_scope"],
    [
      "the PKCE method is plain",
      { code_challenge: pkcePair().challenge, code_challenge_method: "plain" },
      "invalid_request",
    ],
    [
      "a challenge comes without a method",
      { code_challenge: pkcePair().challenge },
      "invalid_request",
    ],
    [
      "the challenge is malformed",
      { code_challenge: "short", code_challenge_method: "S256" },
      "invalid_request",
    ],
  ])(
    "when %s, then the error goes back to the client with state and iss",
    async (_, params, error) => {
      const query = expectRedirect(await fetch(oidcAuthorizeUrl(params), { redirect: "manual" }));
      expect(query.get("error")).toBe(error);
      expect(query.get("error_description")).toBeTruthy();
      expect(query.get("state")).toBe("st-1");
      expect(query.get("iss")).toBe(ISSUER);
      expect(query.has("code")).toBe(false);
    },
  );
});

describe("POST /oidc/authorize", () => {
  it("when an account is chosen, then it redirects with code, state and iss (RFC 9207)", async () => {
    const query = expectRedirect(await submitOidc({ login: "octocat" }));
    expect([...query.keys()]).toEqual(["code", "state", "iss"]);
    expect(query.get("code")).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(query.get("state")).toBe("st-1");
    expect(query.get("iss")).toBe(ISSUER);
  });

  it("when the client sent no state, then none comes back", async () => {
    const query = expectRedirect(await submitOidc({ login: "octocat", state: undefined }));
    expect(query.has("state")).toBe(false);
    expect(query.get("iss")).toBe(ISSUER);
  });

  it("when Cancel is pressed, then it redirects with access_denied, state and iss", async () => {
    const query = expectRedirect(await submitOidc({ cancel: "1" }));
    expect(query.get("error")).toBe("access_denied");
    expect(query.get("state")).toBe("st-1");
    expect(query.get("iss")).toBe(ISSUER);
    expect(query.has("code")).toBe(false);
  });

  it("when the login is not a seeded account, then it is an error page", async () => {
    const response = await submitOidc({ login: "mallory" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("when the fields were tampered with, then they are checked again", async () => {
    const query = expectRedirect(await submitOidc({ login: "octocat", scope: "email" }));
    expect(query.get("error")).toBe("invalid_scope");
  });

  it("when the body is not form-encoded, then it answers 415", async () => {
    const response = await fetch(`${ISSUER}/authorize`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(415);
  });
});
