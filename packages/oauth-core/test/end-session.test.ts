import { describe, expect, it } from "vitest";
import { endSessionUrl, ResponseError, UnsupportedError } from "../src/index.js";
import { argumentError } from "./support/argument-error.js";
import { testGitHub } from "./support/github.js";
import { useMockServer } from "./support/msw.js";
import { createTestIdp, ISSUER, LOCAL_ISSUER, OIDC_CLIENT_ID } from "./support/oidc-idp.js";

const server = useMockServer();

const END_SESSION = `${ISSUER}/session/end?ui_locales=en`;
const AFTER = "https://app.example.com/signed-out";

/** An OpenID Connect provider whose discovery lists an end-session endpoint with a query. */
async function withEndSession(document: Record<string, unknown> = {}) {
  const idp = await createTestIdp(server, {
    document: { end_session_endpoint: END_SESSION, ...document },
  });
  return idp.provider();
}

describe("endSessionUrl", () => {
  it("when discovery lists end_session_endpoint, then the provider states it and the capability", async () => {
    const provider = await withEndSession({ backchannel_logout_supported: true });
    expect(provider.endpoints.endSession).toBe(END_SESSION);
    expect(provider.capabilities).toMatchObject({ endSession: true, backchannelLogout: true });
  });

  it("when every option is given, then the URL carries each beside the endpoint's own query", async () => {
    const url = endSessionUrl(await withEndSession(), {
      idTokenHint: "eyJhbGciOiJFUzI1NiJ9.e30.c2ln",
      postLogoutRedirectUri: AFTER,
      state: "st-0123",
    });
    expect(`${url.origin}${url.pathname}`).toBe(`${ISSUER}/session/end`);
    expect([...url.searchParams]).toEqual([
      ["ui_locales", "en"],
      ["id_token_hint", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln"],
      ["client_id", OIDC_CLIENT_ID],
      ["post_logout_redirect_uri", AFTER],
      ["state", "st-0123"],
    ]);
  });

  it("when no option is given, then only client_id is added", async () => {
    const url = endSessionUrl(await withEndSession());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      ui_locales: "en",
      client_id: OIDC_CLIENT_ID,
    });
  });

  it("when discovery lists no end_session_endpoint, then the capability is false and it is an UnsupportedError", async () => {
    const provider = await (await createTestIdp(server)).provider();
    expect(provider.endpoints.endSession).toBeUndefined();
    expect(provider.capabilities).toMatchObject({ endSession: false, backchannelLogout: false });
    expect(() => endSessionUrl(provider)).toThrow(UnsupportedError);
  });

  it("when the provider is plain OAuth 2.0, then it is an UnsupportedError", () => {
    expect(testGitHub().capabilities.endSession).toBe(false);
    expect(() => endSessionUrl(testGitHub())).toThrow(UnsupportedError);
  });

  it.each([
    [{ idTokenHint: "" }, "idTokenHint"],
    [{ state: "" }, "state"],
    [{ postLogoutRedirectUri: "" }, "postLogoutRedirectUri"],
    [{ postLogoutRedirectUri: "/signed-out" }, "postLogoutRedirectUri"],
    [{ postLogoutRedirectUri: `${AFTER}#done` }, "postLogoutRedirectUri"],
  ])("when the options are %j, then it is an ArgumentError naming %s", async (options, name) => {
    const provider = await withEndSession();
    expect(() => endSessionUrl(provider, options)).toThrow(argumentError(name));
  });

  it("when the provider is a copy, then it is an ArgumentError", async () => {
    const provider = await withEndSession();
    expect(() => endSessionUrl({ ...provider })).toThrow(argumentError("provider"));
  });
});

describe("discovery's logout facts", () => {
  it("when end_session_endpoint is plain http off this machine, then discovery is a ResponseError", async () => {
    const idp = await createTestIdp(server, {
      document: { end_session_endpoint: "http://idp.example.com/logout" },
    });
    await expect(idp.provider()).rejects.toBeInstanceOf(ResponseError);
  });

  it("when a loopback issuer lists a loopback http end_session_endpoint, then it is kept", async () => {
    const idp = await createTestIdp(server, {
      issuer: LOCAL_ISSUER,
      document: { end_session_endpoint: `${LOCAL_ISSUER}/session/end` },
    });
    expect((await idp.provider()).endpoints.endSession).toBe(`${LOCAL_ISSUER}/session/end`);
  });

  it("when backchannel_logout_supported is not a boolean, then discovery is a ResponseError", async () => {
    const idp = await createTestIdp(server, { document: { backchannel_logout_supported: "yes" } });
    await expect(idp.provider()).rejects.toBeInstanceOf(ResponseError);
  });
});
