import { describe, expect, it } from "vitest";
import { BASE, json, useMockGitHub } from "./helpers.js";
import { oidcPost, signIn } from "./oidc-helpers.js";

const { mock } = useMockGitHub();
const FILES = `${BASE}/googleapis/drive/v3/files`;
const list = (authorization?: string, headers: Record<string, string> = {}) =>
  fetch(FILES, { headers: { ...(authorization && { authorization }), ...headers } });

describe("GET /googleapis/drive/v3/files", () => {
  it("when the mock is made, then it names where its Google APIs are", () => {
    expect(mock.googleApiUrl).toBe(`${BASE}/googleapis`);
  });

  it("when the OpenID provider's access token is sent, then the account's files come with an ETag", async () => {
    const { access_token } = await signIn({ login: "monalisa" });
    const response = await list(`Bearer ${access_token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe('"2154-2"');
    const body = await json(response);
    expect(body.kind).toBe("drive#fileList");
    expect(body.files.map((file: { name: string }) => file.name)).toEqual([
      "Welcome to Drive",
      "monalisa's notes",
    ]);
  });

  it("when If-None-Match names the current ETag, then it is a 304 without a body", async () => {
    const { access_token } = await signIn();
    const first = await list(`Bearer ${access_token}`);
    const etag = first.headers.get("etag") ?? "";
    const again = await list(`Bearer ${access_token}`, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it.each([
    ["no token", undefined],
    ["an unknown token", "Bearer nope"],
    ["another scheme", "Basic abc"],
  ])("when %s is sent, then it is Google's 401 error shape with a challenge", async (_, header) => {
    const response = await list(header);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
    expect(await json(response)).toEqual({
      error: {
        code: 401,
        message: "Request had invalid authentication credentials.",
        status: "UNAUTHENTICATED",
      },
    });
  });

  it("when the token was revoked, then the API refuses it", async () => {
    const { access_token } = await signIn();
    const revoked = await oidcPost({ token: access_token }, { path: "/revoke" });
    expect(revoked.status).toBe(200);
    expect((await list(`Bearer ${access_token}`)).status).toBe(401);
  });
});
