import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { exchangeCode, refreshTokens, vk } from "../src/index.js";
import { argumentError } from "./support/argument-error.js";
import { EXAMPLE_TOKEN_URL, exampleProvider } from "./support/example-provider.js";
import { REDIRECT_URI, TOKEN_URL, testGitHub } from "./support/github.js";
import { useMockServer } from "./support/msw.js";

const server = useMockServer();
const DEVICE_ID = "4c1b2e0f-7f1d-4a55-9b3e-2d7c2f0e9a11";
const exchange = { code: "c0de", redirectUri: REDIRECT_URI, codeVerifier: "v".repeat(43) };

/** Answers tokens at `url` and records the form of every request it saw. */
function tokenForms(url = EXAMPLE_TOKEN_URL): URLSearchParams[] {
  const forms: URLSearchParams[] = [];
  server.use(
    http.post(url, async ({ request }) => {
      forms.push(new URLSearchParams(await request.text()));
      return HttpResponse.json({ access_token: "at", token_type: "Bearer", refresh_token: "rt" });
    }),
  );
  return forms;
}

describe("extraParams (callback parameters a provider's token requests need)", () => {
  it("when the code is exchanged with extraParams, then the token request carries them beside its own", async () => {
    const forms = tokenForms();
    await exchangeCode(exampleProvider(), { ...exchange, extraParams: { device_id: DEVICE_ID } });
    expect(Object.fromEntries(forms[0] ?? [])).toEqual({
      grant_type: "authorization_code",
      code: "c0de",
      redirect_uri: REDIRECT_URI,
      code_verifier: exchange.codeVerifier,
      device_id: DEVICE_ID,
    });
  });

  it("when the kept extraParams are given to a refresh, then the refresh carries them too", async () => {
    const forms = tokenForms();
    await refreshTokens(exampleProvider(), "rt", { extraParams: { device_id: DEVICE_ID } });
    expect(Object.fromEntries(forms[0] ?? [])).toEqual({
      grant_type: "refresh_token",
      refresh_token: "rt",
      device_id: DEVICE_ID,
    });
  });

  it("when VK ID's callback carries device_id, then its tokenParams pick it and both token requests send it", async () => {
    const forms = tokenForms("https://id.vk.com/oauth2/auth");
    const provider = vk({ clientId: "51234567", clientSecret: "vk-secret-0123456789" });
    expect(provider.tokenParams).toEqual(["device_id"]);
    const callback = new URLSearchParams({ code: "c0de", state: "s", device_id: DEVICE_ID });
    const extraParams = Object.fromEntries(
      provider.tokenParams.map((name) => [name, callback.get(name) ?? ""]),
    );
    await exchangeCode(provider, { ...exchange, extraParams });
    await refreshTokens(provider, "rt", { extraParams });
    expect(forms.map((form) => form.get("device_id"))).toEqual([DEVICE_ID, DEVICE_ID]);
    // VK ID also wants a state on each token request: a fresh one of the provider's own.
    expect(forms[0]?.get("state")).toMatch(/^[\w-]{43}$/);
    expect(forms[1]?.get("state")).not.toBe(forms[0]?.get("state"));
  });

  it("when a provider needs none and none are given, then nothing is added", async () => {
    const forms = tokenForms(TOKEN_URL);
    const github = testGitHub();
    expect(github.tokenParams).toEqual([]);
    await refreshTokens(github, "rt");
    await refreshTokens(github, "rt", { extraParams: {} });
    for (const form of forms) {
      expect([...form.keys()].sort()).toEqual(
        ["client_id", "client_secret", "grant_type", "refresh_token"].sort(),
      );
    }
  });

  it.each([
    "grant_type",
    "code",
    "redirect_uri",
    "code_verifier",
    "refresh_token",
    "client_id",
    "client_secret",
    "client_assertion",
    "client_assertion_type",
    "scope",
  ])(
    "when extraParams would set %s, then it is an ArgumentError and nothing is sent",
    async (name) => {
      const forms = tokenForms();
      const extraParams = { [name]: "forged" };
      await expect(exchangeCode(exampleProvider(), { ...exchange, extraParams })).rejects.toThrow(
        argumentError("extraParams"),
      );
      await expect(refreshTokens(exampleProvider(), "rt", { extraParams })).rejects.toThrow(
        argumentError("extraParams"),
      );
      expect(forms).toHaveLength(0);
    },
  );

  it.each([
    ["a number", { device_id: 42 }],
    ["null", { device_id: null }],
    ["an array", { device_id: ["a", "b"] }],
    ["an object", { device_id: { id: "a" } }],
  ])(
    "when an extra parameter is %s, then it is an ArgumentError with code invalid_argument",
    async (_, extraParams) => {
      const forms = tokenForms();
      const options = { extraParams } as unknown as { extraParams: Record<string, string> };
      await expect(
        exchangeCode(exampleProvider(), { ...exchange, ...options }),
      ).rejects.toMatchObject({ code: "invalid_argument", argument: "extraParams" });
      await expect(refreshTokens(exampleProvider(), "rt", options)).rejects.toThrow(
        argumentError("extraParams"),
      );
      expect(forms).toHaveLength(0);
    },
  );

  it.each([
    ["a string", "device_id=x"],
    ["an array", [["device_id", "x"]]],
    ["null", null],
  ])("when extraParams is %s, then it is an ArgumentError", async (_, extraParams) => {
    const forms = tokenForms();
    const options = { extraParams } as unknown as { extraParams: Record<string, string> };
    await expect(refreshTokens(exampleProvider(), "rt", options)).rejects.toThrow(
      argumentError("extraParams"),
    );
    expect(forms).toHaveLength(0);
  });
});
