import { describe, expect, it } from "vitest";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../src/index.js";
import {
  api,
  authorizeCode,
  BASE,
  exchange,
  json,
  pkcePair,
  REDIRECT_URI,
  useMockGitHub,
} from "./helpers.js";

const { clock } = useMockGitHub();

const TROUBLESHOOTING =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";
const errors = {
  incorrect_client_credentials: {
    error: "incorrect_client_credentials",
    error_description: "The client_id and/or client_secret passed are incorrect.",
    error_uri: `${TROUBLESHOOTING}/#incorrect-client-credentials`,
  },
  redirect_uri_mismatch: {
    error: "redirect_uri_mismatch",
    error_description:
      "The redirect_uri MUST match the registered callback URL for this application.",
    error_uri: `${TROUBLESHOOTING}/#redirect-uri-mismatch2`,
  },
  bad_verification_code: {
    error: "bad_verification_code",
    error_description: "The code passed is incorrect or expired.",
    error_uri: `${TROUBLESHOOTING}/#bad-verification-code`,
  },
};

/** GitHub answers token errors with HTTP 200 and its exact body. */
async function expectOAuthError(response: Response, expected: Record<string, string>) {
  expect(response.status).toBe(200);
  expect(await json(response)).toEqual(expected);
}

async function pkceCode() {
  const { verifier, challenge } = pkcePair();
  const code = await authorizeCode({ code_challenge: challenge, code_challenge_method: "S256" });
  return { code, verifier };
}

describe("POST /login/oauth/access_token", () => {
  it("when the code and PKCE verifier are right, then it answers a gho_ token with the granted scopes", async () => {
    const { code, verifier } = await pkceCode();
    const response = await exchange({ code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = await json(response);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^gho_[0-9A-Za-z]{36}$/),
      token_type: "bearer",
      scope: "read:user,user:email",
    });
    expect((await api("/user", body.access_token)).status).toBe(200);
  });

  it("when Accept is not JSON, then it answers form-encoded like GitHub", async () => {
    const code = await authorizeCode();
    const response = await fetch(`${BASE}/login/oauth/access_token`, {
      method: "POST",
      body: new URLSearchParams({
        client_id: MOCK_CLIENT_ID,
        client_secret: MOCK_CLIENT_SECRET,
        code,
      }),
    });
    expect(response.headers.get("content-type")).toBe(
      "application/x-www-form-urlencoded; charset=utf-8",
    );
    const form = new URLSearchParams(await response.text());
    expect(form.get("access_token")).toMatch(/^gho_/);
    expect(form.get("scope")).toBe("read:user,user:email");
    expect(form.get("token_type")).toBe("bearer");
  });

  it("when an error is answered form-encoded, then it still carries GitHub's fields", async () => {
    const response = await fetch(`${BASE}/login/oauth/access_token`, {
      method: "POST",
      body: new URLSearchParams({ client_id: MOCK_CLIENT_ID, client_secret: "wrong", code: "x" }),
    });
    expect(response.status).toBe(200);
    expect(Object.fromEntries(new URLSearchParams(await response.text()))).toEqual(
      errors.incorrect_client_credentials,
    );
  });

  it("when the body is JSON and the client authenticates with Basic, then it is accepted", async () => {
    const code = await authorizeCode();
    const response = await fetch(`${BASE}/login/oauth/access_token`, {
      method: "POST",
      headers: {
        accept: "application/json",
        "content-type": "application/json",
        authorization: `Basic ${btoa(`${MOCK_CLIENT_ID}:${MOCK_CLIENT_SECRET}`)}`,
      },
      body: JSON.stringify({ code, redirect_uri: REDIRECT_URI }),
    });
    expect((await json(response)).access_token).toMatch(/^gho_/);
  });

  it("when the client secret is wrong, then it answers incorrect_client_credentials with HTTP 200", async () => {
    const code = await authorizeCode();
    const response = await exchange({ code, client_secret: "wrong" });
    await expectOAuthError(response, errors.incorrect_client_credentials);
  });

  it("when the client secret is wrong, then the code is not burned", async () => {
    const code = await authorizeCode();
    await exchange({ code, client_secret: "wrong" });
    expect((await json(await exchange({ code }))).access_token).toMatch(/^gho_/);
  });

  it("when redirect_uri differs from the authorize request's, then it answers redirect_uri_mismatch", async () => {
    const code = await authorizeCode();
    const response = await exchange({ code, redirect_uri: "http://localhost:3000/elsewhere" });
    await expectOAuthError(response, errors.redirect_uri_mismatch);
  });

  it("when a code is redeemed twice, then the second answers bad_verification_code", async () => {
    const code = await authorizeCode();
    expect((await json(await exchange({ code }))).access_token).toBeDefined();
    expect(await json(await exchange({ code }))).toEqual(errors.bad_verification_code);
  });

  it("when a first redemption failed on a bad verifier, then the code is burned anyway", async () => {
    const { code, verifier } = await pkceCode();
    await exchange({ code, code_verifier: "x".repeat(43) });
    expect(await json(await exchange({ code, code_verifier: verifier }))).toEqual(
      errors.bad_verification_code,
    );
  });

  it("when the code is older than ten minutes, then it answers bad_verification_code", async () => {
    const code = await authorizeCode();
    clock.now += 10 * 60 * 1000;
    expect(await json(await exchange({ code }))).toEqual(errors.bad_verification_code);
  });

  it("when the code is just under ten minutes old, then it still works", async () => {
    const code = await authorizeCode();
    clock.now += 10 * 60 * 1000 - 1;
    expect((await json(await exchange({ code }))).access_token).toMatch(/^gho_/);
  });

  it("when the code is unknown, then it answers bad_verification_code", async () => {
    expect(await json(await exchange({ code: "0123456789abcdef0123" }))).toEqual(
      errors.bad_verification_code,
    );
  });

  it.each([
    ["wrong", () => pkcePair().verifier],
    ["missing", () => undefined],
    ["too short", () => "a".repeat(42)],
    ["outside the unreserved set", () => `${"a".repeat(42)}!`],
  ])(
    "when the PKCE verifier is %s, then it answers bad_verification_code",
    async (_, makeVerifier) => {
      const { code } = await pkceCode();
      const verifier = makeVerifier();
      const response = await exchange(
        verifier === undefined ? { code } : { code, code_verifier: verifier },
      );
      await expectOAuthError(response, errors.bad_verification_code);
    },
  );

  it("when another app presents the code, then it fails without burning it", async () => {
    const code = await authorizeCode();
    const other = await exchange({ code, client_id: "other", client_secret: "x" });
    expect((await json(other)).error).toBe("incorrect_client_credentials");
    expect((await json(await exchange({ code }))).access_token).toMatch(/^gho_/);
  });

  it("when grant_type is refresh_token, then it answers bad_refresh_token (the mock issues none)", async () => {
    const body = await json(
      await exchange({ grant_type: "refresh_token", refresh_token: "ghr_x" }),
    );
    expect(body.error).toBe("bad_refresh_token");
  });

  it("when unknown scopes were asked for, then the token carries only the known ones", async () => {
    const code = await authorizeCode({ scope: "read:user,bogus  user:email" });
    expect((await json(await exchange({ code }))).scope).toBe("read:user,user:email");
  });
});
