import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  bindCallbackContext,
  exchangeCode,
  github,
  refreshTokens,
  vk,
  withSavedContext,
} from "../src/index.js";
import { useMockServer } from "./support/msw.js";

const server = useMockServer();
const TOKEN_URL = "https://id.vk.com/oauth2/auth";
const DEVICE_ID = "4c1b2e0f-7f1d-4a55-9b3e-2d7c2f0e9a11";
const options = { clientId: "51234567", clientSecret: "vk-secret-0123456789" };

function captureTokenForms(): URLSearchParams[] {
  const forms: URLSearchParams[] = [];
  server.use(
    http.post(TOKEN_URL, async ({ request }) => {
      forms.push(new URLSearchParams(await request.text()));
      return HttpResponse.json({
        access_token: "vk2.a.access",
        refresh_token: "vk2.a.refresh",
        token_type: "Bearer",
        expires_in: 3600,
        user_id: 1,
        state: "s",
        scope: "vkid.personal_info email",
      });
    }),
  );
  return forms;
}

describe("callback context (parameters a provider's token requests need)", () => {
  it("when VK ID's callback carries device_id, then the exchange sends it with the callback's state and it is kept", async () => {
    const forms = captureTokenForms();
    const params = new URLSearchParams({
      code: "c",
      state: "the-state",
      device_id: DEVICE_ID,
      ext_id: "x",
    });
    const { provider, context } = bindCallbackContext(vk(options), params, "the-state");
    expect(context).toEqual({ device_id: DEVICE_ID });
    await exchangeCode(provider, {
      code: "c",
      redirectUri: "https://app.example/cb",
      codeVerifier: "v".repeat(43),
    });
    expect(forms[0]?.get("device_id")).toBe(DEVICE_ID);
    expect(forms[0]?.get("state")).toBe("the-state");
  });

  it("when the kept context is given back for a refresh, then the refresh carries device_id too", async () => {
    const forms = captureTokenForms();
    await refreshTokens(withSavedContext(vk(options), { device_id: DEVICE_ID }), "vk2.a.refresh");
    expect(forms[0]?.get("grant_type")).toBe("refresh_token");
    expect(forms[0]?.get("device_id")).toBe(DEVICE_ID);
  });

  it("when a provider needs no context, then nothing is kept and the provider is unchanged", () => {
    const provider = github({ clientId: "id", clientSecret: "secret" });
    const bound = bindCallbackContext(provider, new URLSearchParams({ code: "c", device_id: "x" }));
    expect(bound).toEqual({ provider, context: {} });
    expect(withSavedContext(provider, { device_id: "x" })).toBe(provider);
    expect(withSavedContext(provider, undefined)).toBe(provider);
  });
});
