import { describe, expect, it } from "vitest";
import { exchangeCode, ProviderError, ResponseError, refreshTokens, vk } from "../../src/index.js";
import { argumentError } from "../support/argument-error.js";
import { useMockServer } from "../support/msw.js";
import {
  ACCESS_TOKEN,
  credentials,
  describeContract,
  EXCHANGE,
  NOW,
  REFRESH_TOKEN,
  restApi,
  serve,
} from "./contract.js";

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
  facts: {
    capabilities: {
      refresh: "always",
      revoke: true,
      revokeRefresh: false,
      device: false,
      pkce: true,
      verifiedEmail: false,
      uniqueLogin: false,
      endSession: false,
      backchannelLogout: false,
    },
    api: restApi("https://api.vk.com/method"),
    access: ["users"],
    tokenParams: ["device_id"],
  },
  authorization: { endpoint: `${VK_ID}/authorize`, scopes: SCOPES, pkce: true },
  token: {
    url: TOKEN.url,
    clientAuth: "client_secret_post",
    // A state the caller gives is sent as it is; without one, a fresh one (tested below).
    extraParams: { device_id: DEVICE_ID, state: STATE },
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

describe("vk() device_id and state", () => {
  const sentForms = (requests: Request[]) =>
    Promise.all(
      requests.map(async (request) =>
        Object.fromEntries(new URLSearchParams(await request.text())),
      ),
    );
  const RANDOM_STATE = /^[A-Za-z0-9_-]{43}$/;

  it("when the code is exchanged with extraParams device_id, then the request carries device_id and a state", async () => {
    const requests = serve(server, "vk", TOKEN, { fixture: "token" });
    const provider = vk(credentials);
    await exchangeCode(provider, { ...EXCHANGE, extraParams: { device_id: DEVICE_ID } });
    await exchangeCode(provider, { ...EXCHANGE, extraParams: { device_id: DEVICE_ID } });
    const [first, second] = await sentForms(requests);
    expect(first).toMatchObject({ device_id: DEVICE_ID, grant_type: "authorization_code" });
    expect(first?.state).toMatch(RANDOM_STATE);
    // A state is never reused: each token request gets its own.
    expect(second?.state).toMatch(RANDOM_STATE);
    expect(second?.state).not.toBe(first?.state);
  });

  it("when tokens are refreshed with extraParams device_id, then the request carries device_id and a state", async () => {
    const requests = serve(server, "vk", TOKEN, { fixture: "refresh" });
    await refreshTokens(vk(credentials), REFRESH_TOKEN, { extraParams: { device_id: DEVICE_ID } });
    const [form] = await sentForms(requests);
    expect(form).toMatchObject({
      grant_type: "refresh_token",
      refresh_token: REFRESH_TOKEN,
      device_id: DEVICE_ID,
      client_id: credentials.clientId,
    });
    expect(form?.state).toMatch(RANDOM_STATE);
  });

  it("when extraParams name a parameter the request sets itself, then it is an ArgumentError and nothing is sent", async () => {
    const requests = serve(server, "vk", TOKEN, { fixture: "token" });
    const provider = vk(credentials);
    for (const name of ["client_secret", "code", "grant_type"]) {
      const extraParams = { device_id: DEVICE_ID, [name]: "x" };
      await expect(exchangeCode(provider, { ...EXCHANGE, extraParams })).rejects.toThrow(
        argumentError("extraParams"),
      );
    }
    await expect(
      refreshTokens(provider, REFRESH_TOKEN, { extraParams: { refresh_token: "x" } }),
    ).rejects.toThrow(argumentError("extraParams"));
    expect(requests).toHaveLength(0);
  });

  it("when the code is exchanged without device_id, then VK ID's refusal is a ProviderError", async () => {
    const requests = serve(server, "vk", TOKEN, { fixture: "token-error-device-id", status: 400 });
    const tokens = exchangeCode(vk(credentials), EXCHANGE);
    await expect(tokens).rejects.toBeInstanceOf(ProviderError);
    await expect(tokens).rejects.toMatchObject({ error: "invalid_request" });
    const [form] = await sentForms(requests);
    expect(form).not.toHaveProperty("device_id");
    expect(form?.client_secret).toBe(credentials.clientSecret);
  });
});
