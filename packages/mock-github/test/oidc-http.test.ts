// Real HTTP over a socket: no msw interception in this file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockGitHubServer, startMockGitHubServer } from "../src/index.js";
import { json } from "./helpers.js";
import { oidcAuthorizeUrl, signIn, userinfo, verifyJws } from "./oidc-helpers.js";

let server: MockGitHubServer;

beforeAll(async () => {
  server = await startMockGitHubServer({ port: 0 });
});
afterAll(() => server.close());

describe("the OpenID Connect provider over HTTP", () => {
  it("when discovery is fetched, then the issuer is the server's URL + /oidc", async () => {
    const response = await fetch(`${server.url}/oidc/.well-known/openid-configuration`);
    const document = await json(response);
    expect(document.issuer).toBe(`${server.url}/oidc`);
    expect(document.token_endpoint).toBe(`${server.url}/oidc/token`);
  });

  it("when the sign-in page is fetched, then the HTML has the account buttons and Cancel", async () => {
    const response = await fetch(oidcAuthorizeUrl({ nonce: "n" }, server.url));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<title>Sign in – Google (mock)</title>");
    for (const login of ["octocat", "monalisa", "hubot"]) {
      expect(html).toContain(`>Continue as ${login}</button>`);
    }
    expect(html).toContain(">Cancel</button>");
  });

  it("when the whole flow runs over HTTP, then the id_token verifies and userinfo answers", async () => {
    const tokens = await signIn({ login: "hubot" }, server.url);
    const jwks = await json(await fetch(`${server.url}/oidc/jwks`));
    const { claims } = await verifyJws(tokens.id_token, jwks);
    expect(claims).toMatchObject({ iss: `${server.url}/oidc`, sub: "480938" });
    expect((await json(await userinfo(tokens.access_token, server.url))).sub).toBe("480938");
  });
});
