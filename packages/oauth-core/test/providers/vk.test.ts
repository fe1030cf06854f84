import { describe, expect, it } from "vitest";
import {
  exchangeCode,
  fetchUser,
  ProviderError,
  ResponseError,
  type VkProvider,
  vk,
} from "../../src/index.js";
import { argumentError } from "../support/argument-error.js";
import { useMockServer } from "../support/msw.js";
import { ACCESS_TOKEN, credentials, describeContract, EXCHANGE, NOW, serve } from "./contract.js";

const server = useMockServer();
const VK_ID = "https://id.vk.com";
const SCOPES = ["vkid.personal_info", "email"];
/** What VK ID puts in the callback next to code and state. */
const DEVICE_ID = "4c1b2e0f-7f1d-4a55-9b3e-2d7c2f0e9a11";
const STATE = "recorded-state-from-the-callback-0123456789";
const TOKEN = { method: "post", url: `${VK_ID}/oauth2/auth` } as const;
const USER = {
  method: "post",
  url: `${VK_ID}/oauth2/user_info`,
  headers: { authorization: null },
  form: { client_id: credentials.clientId, access_token: ACCESS_TOKEN },
} as const;

describeContract(server, {
  id: "vk",
  catalogue: true,
  create: vk,
  forTokens: (provider) => (provider as VkProvider).withDevice(DEVICE_ID, STATE),
  authorization: { endpoint: `${VK_ID}/authorize`, scopes: SCOPES, pkce: true },
  token: {
    url: TOKEN.url,
    clientAuth: "client_secret_post",
    extraForm: { device_id: DEVICE_ID, state: STATE },
    exchange: {
      fixture: "token",
      tokens: {
        accessToken: "vk2.a.Rw8tYy1pNq3sK6vB9dE2fH5jM8nQ1tW4zC7xA0bD3gJ6kP9rU2yX5aF8hL1oS4v",
        tokenType: "bearer",
        scopes: SCOPES,
        expiresAt: NOW + 3_600_000,
        refreshToken: "vk2.a.0xeBu7mBqWq3QNmFP1uW6pBrtV2GQ7mYq6e5F3qz8nX1Tj2d4R9sL0kH7cA5vZ",
      },
    },
    errors: [
      {
        fixture: "token-error-invalid-grant",
        status: 400,
        error: "invalid_grant",
        errorDescription: "Code is expired.",
      },
      {
        fixture: "token-error-device-id",
        status: 400,
        error: "invalid_request",
        errorDescription: "device_id is missing or invalid",
      },
    ],
  },
  user: {
    request: USER,
    cases: [
      {
        fixture: "user",
        user: {
          provider: "vk",
          id: "1234567890",
          login: "ivan_i123@vk.com",
          name: "Ivan I.",
          email: "ivan_i123@vk.com",
          avatarUrl:
            "https://pp.userapi.com/60tZWMo4SmwcploUVl9XEt8ufnTTvDUmQ6Bj1g/mmv1pcj63C4.png",
          profileUrl: "https://vk.com/id1234567890",
        },
      },
      {
        fixture: "user-minimal",
        user: {
          provider: "vk",
          id: "987654321",
          login: "id987654321",
          name: null,
          email: null,
          avatarUrl: null,
          profileUrl: "https://vk.com/id987654321",
        },
      },
    ],
    errors: [
      // VK ID may state an error with HTTP 200.
      {
        fixture: "user-error-invalid-token",
        status: 200,
        type: ProviderError,
        fields: { error: "invalid_token", status: 200 },
      },
      {
        fixture: "user-error-invalid-token",
        status: 401,
        type: ResponseError,
        fields: { status: 401 },
      },
      {
        fixture: "user-error-invalid-token",
        status: 400,
        type: ProviderError,
        fields: { error: "invalid_token", errorDescription: "invalid access_token", status: 400 },
      },
    ],
  },
  refresh: {
    fixture: "refresh",
    tokens: {
      accessToken: "vk2.a.Sx9uZz2qOr4tL7wC0eF3gI6kN9oR2uX5aD8yB1cE4hK7lQ0sV3zY6bG9iM2pT5w",
      tokenType: "bearer",
      scopes: SCOPES,
      expiresAt: NOW + 3_600_000,
      refreshToken: "vk2.a.1yfCv8nCrXr4ROnGQ2vX7qCsuW3HR8nZr7f6G4ra9oY2Uk3e5S0tM1lI8dB6wA",
    },
  },
  revoke: {
    method: "post",
    url: `${VK_ID}/oauth2/revoke`,
    headers: { authorization: null },
    form: { client_id: credentials.clientId, access_token: ACCESS_TOKEN },
    errors: [
      {
        fixture: "user-error-invalid-token",
        status: 200,
        type: ProviderError,
        fields: { error: "invalid_token", status: 200 },
      },
    ],
  },
});

describe("vk() device", () => {
  const sentForm = async (requests: Request[]) =>
    Object.fromEntries(new URLSearchParams(await requests[0]?.text()));

  it("when no state is given, then each token request carries a fresh random one", async () => {
    const requests = serve(server, "vk", TOKEN, { fixture: "refresh" });
    const provider = vk(credentials);
    await exchangeCode(provider.withDevice(DEVICE_ID), EXCHANGE);
    await exchangeCode(provider.withDevice(DEVICE_ID), EXCHANGE);
    const [first, second] = await Promise.all([sentForm(requests), sentForm(requests.slice(1))]);
    expect(first.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.state).not.toBe(first.state);
    expect(first.device_id).toBe(DEVICE_ID);
  });

  it("when the callback has no device_id, then withDevice is an ArgumentError", () => {
    const provider = vk(credentials);
    expect(() => provider.withDevice(new URLSearchParams("code=x").get("device_id"))).toThrow(
      argumentError("deviceId"),
    );
    expect(() => provider.withDevice(DEVICE_ID, "")).toThrow(argumentError("state"));
  });

  it("when the plain provider exchanges a code, then no device_id goes out and VK ID's refusal is a ProviderError", async () => {
    const requests = serve(server, "vk", TOKEN, { fixture: "token-error-device-id", status: 400 });
    const tokens = exchangeCode(vk(credentials), EXCHANGE);
    await expect(tokens).rejects.toBeInstanceOf(ProviderError);
    await expect(tokens).rejects.toMatchObject({ error: "invalid_request" });
    const form = await sentForm(requests);
    expect(form).not.toHaveProperty("device_id");
    expect(form.client_secret).toBe(credentials.clientSecret);
  });

  it("when the device provider asks for the user, then the request is left as it is", async () => {
    const requests = serve(server, "vk", USER, { fixture: "user" });
    await fetchUser(vk(credentials).withDevice(DEVICE_ID, STATE), ACCESS_TOKEN);
    expect(await sentForm(requests)).toEqual(USER.form);
  });
});
