import { describe, expect, it } from "vitest";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../src/index.js";
import { API, api, json, useMockGitHub } from "./helpers.js";

const { mock } = useMockGitHub();

function revoke(
  token: string,
  options: { credentials?: string; clientId?: string; path?: string } = {},
) {
  const credentials = options.credentials ?? `${MOCK_CLIENT_ID}:${MOCK_CLIENT_SECRET}`;
  return fetch(
    `${API}/applications/${options.clientId ?? MOCK_CLIENT_ID}/${options.path ?? "token"}`,
    {
      method: "DELETE",
      headers: { authorization: `Basic ${btoa(credentials)}`, "content-type": "application/json" },
      body: JSON.stringify({ access_token: token }),
    },
  );
}

describe("DELETE /applications/:client_id/token", () => {
  it("when the app revokes its token, then it answers 204 and the token stops working", async () => {
    const token = mock.issueToken("octocat");
    expect((await api("/user", token)).status).toBe(200);
    const response = await revoke(token);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect((await api("/user", token)).status).toBe(401);
  });

  it("when the token is unknown or already revoked, then it answers 404", async () => {
    const token = mock.issueToken("octocat");
    await revoke(token);
    expect((await revoke(token)).status).toBe(404);
    expect((await revoke("gho_never")).status).toBe(404);
  });

  it("when the client secret is wrong, then it answers 401 Bad credentials and the token lives", async () => {
    const token = mock.issueToken("octocat");
    const response = await revoke(token, { credentials: `${MOCK_CLIENT_ID}:wrong` });
    expect(response.status).toBe(401);
    expect((await json(response)).message).toBe("Bad credentials");
    expect((await api("/user", token)).status).toBe(200);
  });

  it("when the path names another app, then it answers 404", async () => {
    expect((await revoke(mock.issueToken("octocat"), { clientId: "someone-else" })).status).toBe(
      404,
    );
  });

  it("when there are no credentials, then it answers 401", async () => {
    const response = await fetch(`${API}/applications/${MOCK_CLIENT_ID}/token`, {
      method: "DELETE",
      body: JSON.stringify({ access_token: "x" }),
    });
    expect(response.status).toBe(401);
  });

  it("when access_token is missing, then it answers 422", async () => {
    const response = await fetch(`${API}/applications/${MOCK_CLIENT_ID}/token`, {
      method: "DELETE",
      headers: { authorization: `Basic ${btoa(`${MOCK_CLIENT_ID}:${MOCK_CLIENT_SECRET}`)}` },
      body: JSON.stringify({}),
    });
    expect(response.status).toBe(422);
  });

  it("when the grant is deleted, then every token of that user for the app stops working", async () => {
    const first = mock.issueToken("octocat");
    const second = mock.issueToken("octocat");
    const other = mock.issueToken("monalisa");
    expect((await revoke(first, { path: "grant" })).status).toBe(204);
    expect((await api("/user", second)).status).toBe(401);
    expect((await api("/user", other)).status).toBe(200);
  });

  it("when the app checks a token, then it answers the token's user and scopes", async () => {
    const token = mock.issueToken("monalisa", ["read:user"]);
    const response = await fetch(`${API}/applications/${MOCK_CLIENT_ID}/token`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`${MOCK_CLIENT_ID}:${MOCK_CLIENT_SECRET}`)}` },
      body: JSON.stringify({ access_token: token }),
    });
    expect(await json(response)).toMatchObject({
      token,
      scopes: ["read:user"],
      user: { login: "monalisa" },
    });
  });
});
