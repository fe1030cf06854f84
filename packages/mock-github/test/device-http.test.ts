// Real HTTP over a socket: no msw interception in this file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MOCK_CLIENT_ID, type MockGitHubServer, startMockGitHubServer } from "../src/index.js";
import { json } from "./helpers.js";

let server: MockGitHubServer;

beforeAll(async () => {
  server = await startMockGitHubServer({ port: 0, deviceInterval: 0 });
});
afterAll(() => server.close());

function post(path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { accept: "application/json" },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

describe("the device flow over HTTP", () => {
  it("when a device asks, the person approves on the page and the device polls, then the token works", async () => {
    const start = await json(await post("/login/device/code", { client_id: MOCK_CLIENT_ID }));
    expect(start).toMatchObject({ verification_uri: `${server.url}/login/device`, interval: 0 });
    const tokenRequest = {
      client_id: MOCK_CLIENT_ID,
      device_code: start.device_code,
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
    };
    expect(await json(await post("/login/oauth/access_token", tokenRequest))).toMatchObject({
      error: "authorization_pending",
    });

    const page = await fetch(`${start.verification_uri}?user_code=${start.user_code}`);
    expect(await page.text()).toContain(">Continue as octocat</button>");
    const decision = await post("/login/device", { user_code: start.user_code, login: "octocat" });
    expect(decision.status).toBe(302);

    const tokens = await json(await post("/login/oauth/access_token", tokenRequest));
    expect(tokens.access_token).toMatch(/^gho_/);
    const user = await fetch(`${server.url}/api/v3/user`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(await json(user)).toMatchObject({ login: "octocat", id: 583231 });
  });
});
