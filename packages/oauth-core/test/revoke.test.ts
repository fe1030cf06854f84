import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { ResponseError, revokeToken, UnsupportedError } from "../src/index.js";
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
    await expect(revokeToken(testGitHub(), "")).rejects.toThrow(argumentError("accessToken"));
    expect(requests).toHaveLength(0);
  });
});
