import { describe, expect, it } from "vitest";
import { MOCK_CLIENT_ID } from "../src/index.js";
import { authorizeUrl, pkcePair, REDIRECT_URI, submitAuthorize, useMockGitHub } from "./helpers.js";

useMockGitHub({
  clients: [
    { clientId: MOCK_CLIENT_ID, clientSecret: "mock-client-secret", name: "Latchkey" },
    {
      clientId: "registered-callback",
      clientSecret: "s3cret",
      callbackUrl: "http://localhost:3000/auth/github/callback",
    },
  ],
});

const valid = {
  client_id: MOCK_CLIENT_ID,
  redirect_uri: REDIRECT_URI,
  scope: "read:user user:email",
  state: "st4te",
};

describe("GET /login/oauth/authorize", () => {
  it("when the request is valid, then the page offers one Continue button per account and Cancel", async () => {
    const response = await fetch(
      authorizeUrl({
        ...valid,
        code_challenge: pkcePair().challenge,
        code_challenge_method: "S256",
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("<title>Authorize application</title>");
    for (const login of ["octocat", "monalisa", "hubot"]) {
      expect(html).toContain(`name="login" value="${login}">Continue as ${login}</button>`);
    }
    expect(html).toMatch(/<button type="submit" name="cancel" value="1">Cancel<\/button>/);
    expect(html).toContain('name="code_challenge_method" value="S256"');
    expect(html).toContain("Latchkey");
  });

  it("when the client_id is unknown, then it answers a 404 page", async () => {
    const response = await fetch(authorizeUrl({ ...valid, client_id: "nope" }));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("text/html");
  });

  it.each([
    ["redirect_uri is missing", { redirect_uri: "" }],
    ["redirect_uri is relative", { redirect_uri: "/callback" }],
    ["redirect_uri is not http(s)", { redirect_uri: "javascript:alert(1)" }],
    [
      "code_challenge_method is plain",
      { code_challenge: pkcePair().challenge, code_challenge_method: "plain" },
    ],
    ["code_challenge_method is missing", { code_challenge: pkcePair().challenge }],
    ["code_challenge is malformed", { code_challenge: "short", code_challenge_method: "S256" }],
  ])("when %s, then it answers a 400 page", async (_, overrides) => {
    const response = await fetch(authorizeUrl({ ...valid, ...overrides }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<!doctype html>");
  });

  it("when values carry markup, then the page escapes them", async () => {
    const response = await fetch(authorizeUrl({ ...valid, state: '"><script>alert(1)</script>' }));
    const html = await response.text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("&quot;&gt;&lt;script&gt;");
  });

  it("when a login hint names an account, then that account comes first", async () => {
    const html = await (await fetch(authorizeUrl({ ...valid, login: "hubot" }))).text();
    expect(html.indexOf("Continue as hubot")).toBeLessThan(html.indexOf("Continue as octocat"));
  });

  it("when redirect_uri is outside the registered callback, then GitHub's redirect_uri_mismatch goes to the callback", async () => {
    const response = await fetch(
      authorizeUrl({
        ...valid,
        client_id: "registered-callback",
        redirect_uri: "http://evil.test/auth/github/callback",
      }),
      { redirect: "manual" },
    );
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("http://localhost:3000/auth/github/callback");
    expect(location.searchParams.get("error")).toBe("redirect_uri_mismatch");
    expect(location.searchParams.get("state")).toBe("st4te");
  });

  it("when redirect_uri is below the registered callback path, then the page is shown", async () => {
    const response = await fetch(
      authorizeUrl({
        ...valid,
        client_id: "registered-callback",
        redirect_uri: `${REDIRECT_URI}/deeper?x=1`,
      }),
    );
    expect(response.status).toBe(200);
  });
});

describe("POST /login/oauth/authorize", () => {
  it("when Continue is pressed, then it redirects back with a code and the state", async () => {
    const response = await submitAuthorize({
      login: "octocat",
      state: "st4te",
      scope: "read:user",
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get("code")).toMatch(/^[0-9a-f]{20}$/);
    expect(location.searchParams.get("state")).toBe("st4te");
  });

  it("when Cancel is pressed, then it redirects back with access_denied", async () => {
    const response = await submitAuthorize({ cancel: "1", state: "st4te" });
    expect(response.status).toBe(302);
    const location = response.headers.get("location") ?? "";
    expect(location).toBe(
      `${REDIRECT_URI}?error=access_denied&error_description=The+user+has+denied+your+application+access.&error_uri=https%3A%2F%2Fdocs.github.com%2Fapps%2Fmanaging-oauth-apps%2Ftroubleshooting-authorization-request-errors%2F%23access-denied&state=st4te`,
    );
  });

  it("when no state was sent, then the redirect has no state parameter", async () => {
    const response = await submitAuthorize({ login: "octocat" });
    expect(new URL(response.headers.get("location") ?? "").searchParams.has("state")).toBe(false);
  });

  it("when the redirect_uri has a query, then it is kept", async () => {
    const response = await submitAuthorize({
      login: "octocat",
      redirect_uri: `${REDIRECT_URI}?tenant=a`,
    });
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.searchParams.get("tenant")).toBe("a");
    expect(location.searchParams.get("code")).toBeTruthy();
  });

  it("when the posted fields were tampered with, then they are checked again", async () => {
    expect((await submitAuthorize({ login: "octocat", client_id: "nope" })).status).toBe(404);
    expect((await submitAuthorize({ login: "octocat", redirect_uri: "ftp://x" })).status).toBe(400);
    expect((await submitAuthorize({ login: "nobody" })).status).toBe(400);
    const plain = await submitAuthorize({
      login: "octocat",
      code_challenge: pkcePair().challenge,
      code_challenge_method: "plain",
    });
    expect(plain.status).toBe(400);
  });
});
