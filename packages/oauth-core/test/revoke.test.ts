import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { oauth2, ResponseError, revokeToken, UnsupportedError } from "../src/index.js";
import { ACCESS_TOKEN } from "./fixtures/github.js";
import { argumentError } from "./support/argument-error.js";
import { exampleProvider } from "./support/example-provider.js";
import {
  API_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  SCRIPT_USER_AGENT,
  testGitHub,
} from "./support/github.js";
import { useMockServer } from "./support/msw.js";

const server = useMockServer();
const REVOKE_URL = `${API_URL}/applications/${encodeURIComponent(CLIENT_ID)}/token`;

function revokeEndpoint(status: number, url = REVOKE_URL) {
  const requests: Request[] = [];
  server.use(
    http.delete(url, ({ request }) => {
      requests.push(request.clone());
      return status === 204
        ? new HttpResponse(null, { status })
        : HttpResponse.json({ message: "x" }, { status });
    }),
  );
  return requests;
}

describe("revokeToken (GitHub)", () => {
  it("when GitHub answers 204, then it resolves after one request authenticated as the app", async () => {
    const requests = revokeEndpoint(204);
    await expect(revokeToken(testGitHub(), ACCESS_TOKEN)).resolves.toBeUndefined();
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.headers.get("authorization")).toBe(
      `Basic ${btoa(`${CLIENT_ID}:${CLIENT_SECRET}`)}`,
    );
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(request?.headers.get("accept")).toBe("application/vnd.github+json");
    expect(request?.headers.get("x-github-api-version")).toBe("2022-11-28");
    expect(request?.headers.get("user-agent")).toBe(SCRIPT_USER_AGENT);
    expect(await request?.json()).toEqual({ access_token: ACCESS_TOKEN });
  });

  it.each([404, 422])(
    "when GitHub answers %i (token already invalid), then it resolves",
    async (status) => {
      revokeEndpoint(status);
      await expect(revokeToken(testGitHub(), ACCESS_TOKEN)).resolves.toBeUndefined();
    },
  );

  it.each([500, 401, 200])(
    "when GitHub answers %i, then it is a ResponseError with that status",
    async (status) => {
      revokeEndpoint(status);
      const error = await revokeToken(testGitHub(), ACCESS_TOKEN).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ResponseError);
      expect(error).toMatchObject({ status });
      expect(String(error)).not.toContain(ACCESS_TOKEN);
    },
  );

  it("when the provider is a GitHub Enterprise Server, then its /api/v3 is asked", async () => {
    const requests = revokeEndpoint(
      204,
      `https://ghe.example.com/api/v3/applications/${encodeURIComponent(CLIENT_ID)}/token`,
    );
    await revokeToken(testGitHub({ url: "https://ghe.example.com" }), ACCESS_TOKEN);
    expect(requests).toHaveLength(1);
  });

  it("when the provider cannot revoke, then it is an UnsupportedError with code unsupported", async () => {
    const error = await revokeToken(exampleProvider(), ACCESS_TOKEN).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UnsupportedError);
    expect(error).toMatchObject({ code: "unsupported" });
  });

  it("when the access token is empty, then it is an ArgumentError and nothing is sent", async () => {
    const requests = revokeEndpoint(204);
    await expect(revokeToken(testGitHub(), "")).rejects.toThrow(argumentError("token"));
    expect(requests).toHaveLength(0);
  });
});

describe("revokeToken for a refresh token", () => {
  const REVOCATION_URL = "https://id.example.com/oauth/revoke";
  const rfc7009 = () =>
    oauth2({
      clientId: "client",
      clientSecret: "secret",
      authorizationUrl: "https://id.example.com/oauth/authorize",
      tokenUrl: "https://id.example.com/oauth/token",
      userinfoUrl: "https://id.example.com/userinfo",
      revocationUrl: REVOCATION_URL,
    });

  function revocations(): URLSearchParams[] {
    const forms: URLSearchParams[] = [];
    server.use(
      http.post(REVOCATION_URL, async ({ request }) => {
        forms.push(new URLSearchParams(await request.text()));
        return new HttpResponse(null, { status: 200 });
      }),
    );
    return forms;
  }

  it("when the provider revokes by RFC 7009, then the refresh token goes with token_type_hint=refresh_token", async () => {
    const forms = revocations();
    const provider = rfc7009();
    expect(provider.capabilities.revokeRefresh).toBe(true);
    await revokeToken(provider, "refresh-1", { tokenType: "refresh_token" });
    await revokeToken(provider, "access-1");
    expect(forms.map((form) => [form.get("token"), form.get("token_type_hint")])).toEqual([
      ["refresh-1", "refresh_token"],
      ["access-1", "access_token"],
    ]);
  });

  it("when the provider cannot revoke refresh tokens (GitHub), then it is an UnsupportedError and nothing is sent", async () => {
    const requests = revokeEndpoint(204);
    const github = testGitHub();
    expect(github.capabilities.revokeRefresh).toBe(false);
    const error = await revokeToken(github, "ghr_refresh", { tokenType: "refresh_token" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UnsupportedError);
    expect(requests).toHaveLength(0);
  });

  it("when tokenType is neither type, then it is an ArgumentError and nothing is sent", async () => {
    const forms = revocations();
    await expect(
      revokeToken(rfc7009(), "t", { tokenType: "id_token" as "access_token" }),
    ).rejects.toThrow(argumentError("tokenType"));
    expect(forms).toHaveLength(0);
  });
});
