import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  DEVICE_CODE_GRANT,
  type DeviceAuthorization,
  DeviceFlowError,
  ErrorCode,
  github,
  ProviderError,
  pollDeviceToken,
  ResponseError,
  startDeviceAuthorization,
  UnsupportedError,
} from "../src/index.js";
import { ACCESS_TOKEN, tokenResponse } from "./fixtures/github.js";
import { argumentError } from "./support/argument-error.js";
import {
  EXAMPLE_DEVICE_URL,
  EXAMPLE_TOKEN_URL,
  exampleProvider,
} from "./support/example-provider.js";
import { CLIENT_ID, CLIENT_SECRET, TOKEN_URL, testGitHub } from "./support/github.js";
import { useMockServer } from "./support/msw.js";
import { createTestIdp } from "./support/oidc-idp.js";

const server = useMockServer();
const DEVICE_URL = "https://github.com/login/device/code";
const NOW = 1_700_000_000_000;
const DOCS = "https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps";

/** GitHub's answer to POST /login/device/code (docs.github.com). */
const deviceCodeResponse = {
  device_code: "3584d83530557fdd1f46af8289938c8ef79f9dc5",
  user_code: "WDJB-MJHT",
  verification_uri: "https://github.com/login/device",
  expires_in: 900,
  interval: 5,
};

/** GitHub's device-flow error bodies, all sent with HTTP 200. */
function deviceError(error: string, extra: Record<string, unknown> = {}) {
  return HttpResponse.json({
    error,
    error_description: `${error} described`,
    error_uri: `${DOCS}#error-codes-for-the-device-flow`,
    ...extra,
  });
}

/** A public client: a CLI holds no client secret. */
const publicGitHub = () => github({ clientId: CLIENT_ID });

/** Serves `answers` in order (the last one repeats) and records every request. */
function endpoint(url: string, ...answers: Array<() => Response | Promise<Response>>) {
  const requests: Request[] = [];
  server.use(
    http.post(url, ({ request }) => {
      requests.push(request.clone());
      const answer = answers[Math.min(requests.length, answers.length) - 1];
      return answer?.() ?? HttpResponse.json({});
    }),
  );
  return requests;
}

async function form(request: Request | undefined): Promise<Record<string, string>> {
  return Object.fromEntries(new URLSearchParams(await request?.text()));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("expected a rejection"),
    (error: unknown) => error,
  );
}

function authorization(overrides: Partial<DeviceAuthorization> = {}): DeviceAuthorization {
  return {
    deviceCode: deviceCodeResponse.device_code,
    userCode: deviceCodeResponse.user_code,
    verificationUri: deviceCodeResponse.verification_uri,
    expiresAt: Date.now() + 900_000,
    interval: 5,
    ...overrides,
  };
}

/** Records the waits, and moves a fake clock by each of them. */
function fakeSleep(clock?: { now: number }) {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    if (clock) clock.now += ms;
  };
  return { waits, sleep };
}

afterEach(() => vi.restoreAllMocks());

describe("startDeviceAuthorization", () => {
  it("when GitHub answers, then the codes, the page, expiresAt and the interval come back", async () => {
    vi.spyOn(Date, "now").mockReturnValue(NOW);
    endpoint(DEVICE_URL, () => HttpResponse.json(deviceCodeResponse));
    await expect(startDeviceAuthorization(publicGitHub())).resolves.toEqual({
      deviceCode: deviceCodeResponse.device_code,
      userCode: "WDJB-MJHT",
      verificationUri: "https://github.com/login/device",
      expiresAt: NOW + 900_000,
      interval: 5,
    });
  });

  it("when a public client asks, then it posts a form with client_id and scope, no secret", async () => {
    const requests = endpoint(DEVICE_URL, () => HttpResponse.json(deviceCodeResponse));
    await startDeviceAuthorization(publicGitHub());
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.headers.get("accept")).toBe("application/json");
    expect(request?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(request?.headers.get("authorization")).toBeNull();
    expect(await form(request)).toEqual({ client_id: CLIENT_ID, scope: "read:user user:email" });
  });

  it("when the client has a secret, then it authenticates as the provider wants", async () => {
    const requests = endpoint(DEVICE_URL, () => HttpResponse.json(deviceCodeResponse));
    await startDeviceAuthorization(testGitHub(), { scopes: ["repo"] });
    expect(await form(requests[0])).toEqual({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      scope: "repo",
    });

    const basic = endpoint(EXAMPLE_DEVICE_URL, () => HttpResponse.json(deviceCodeResponse));
    await startDeviceAuthorization(exampleProvider({ device: true }));
    expect(basic[0]?.headers.get("authorization")).toMatch(/^Basic /);
    expect(await form(basic[0])).toEqual({ scope: "openid profile" });
  });

  it("when no scopes are asked for, then no scope is sent", async () => {
    const requests = endpoint(DEVICE_URL, () => HttpResponse.json(deviceCodeResponse));
    await startDeviceAuthorization(publicGitHub(), { scopes: [] });
    expect(await form(requests[0])).toEqual({ client_id: CLIENT_ID });
  });

  it("when a scope is invalid, then it is an ArgumentError and nothing is sent", async () => {
    const requests = endpoint(DEVICE_URL, () => HttpResponse.json(deviceCodeResponse));
    await expect(startDeviceAuthorization(publicGitHub(), { scopes: ["a b"] })).rejects.toThrow(
      argumentError("scopes"),
    );
    expect(requests).toHaveLength(0);
  });

  it("when GitHub Enterprise Server is configured, then its device endpoint is used", async () => {
    const requests = endpoint("https://ghe.example.com/login/device/code", () =>
      HttpResponse.json(deviceCodeResponse),
    );
    const provider = github({ clientId: CLIENT_ID, url: "https://ghe.example.com/" });
    expect(provider.endpoints.device).toBe("https://ghe.example.com/login/device/code");
    expect(provider.capabilities.device).toBe(true);
    await startDeviceAuthorization(provider);
    expect(requests).toHaveLength(1);
  });

  it("when interval is left out, then it is 5 seconds; a complete URI is kept if http(s)", async () => {
    const { interval: _, ...withoutInterval } = deviceCodeResponse;
    endpoint(
      DEVICE_URL,
      () =>
        HttpResponse.json({
          ...withoutInterval,
          verification_uri_complete: "https://github.com/login/device?user_code=WDJB-MJHT",
        }),
      () =>
        HttpResponse.json({ ...deviceCodeResponse, verification_uri_complete: "javascript:x()" }),
    );
    await expect(startDeviceAuthorization(publicGitHub())).resolves.toMatchObject({
      interval: 5,
      verificationUriComplete: "https://github.com/login/device?user_code=WDJB-MJHT",
    });
    const second = await startDeviceAuthorization(publicGitHub());
    expect(second).not.toHaveProperty("verificationUriComplete");
  });

  it.each([
    [{ ...deviceCodeResponse, device_code: 42 }, '"device_code" must be a string'],
    [{ ...deviceCodeResponse, user_code: "" }, '"user_code" must not be empty'],
    [{ ...deviceCodeResponse, user_code: "WDJB\u001b[2J" }, '"user_code" must be a short line'],
    [{ ...deviceCodeResponse, verification_uri: "javascript:alert(1)" }, '"verification_uri"'],
    [{ ...deviceCodeResponse, expires_in: undefined }, '"expires_in" must be a positive number'],
    [{ ...deviceCodeResponse, expires_in: 0 }, '"expires_in" must be a positive number'],
    [{ ...deviceCodeResponse, interval: "soon" }, '"interval" must be a non-negative number'],
    [[deviceCodeResponse], "must be a JSON object"],
  ])("when the body is %j, then it is a ResponseError naming the field", async (body, message) => {
    endpoint(DEVICE_URL, () => HttpResponse.json(body));
    const error = await rejection(startDeviceAuthorization(publicGitHub()));
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).message).toContain(message);
  });

  it("when the answer is an HTML page or a bare 500, then it is a ResponseError", async () => {
    endpoint(
      DEVICE_URL,
      () => HttpResponse.html("<h1>Unicorn!</h1>"),
      () => new HttpResponse(null, { status: 500 }),
    );
    await expect(startDeviceAuthorization(publicGitHub())).rejects.toThrow(/not JSON/);
    const error = await rejection(startDeviceAuthorization(publicGitHub()));
    expect(error).toBeInstanceOf(ResponseError);
  });

  it("when the app has the device flow disabled, then it is a ProviderError with GitHub's code", async () => {
    endpoint(
      DEVICE_URL,
      () => deviceError("device_flow_disabled"),
      () => HttpResponse.json({ error: "invalid_client" }, { status: 401 }),
    );
    await expect(startDeviceAuthorization(publicGitHub())).rejects.toMatchObject({
      code: ErrorCode.PROVIDER_ERROR,
      error: "device_flow_disabled",
      status: 200,
    });
    const error = await rejection(startDeviceAuthorization(publicGitHub()));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ error: "invalid_client", status: 401 });
  });

  it("when the provider has no device endpoint, then it is an UnsupportedError", async () => {
    await expect(startDeviceAuthorization(exampleProvider())).rejects.toBeInstanceOf(
      UnsupportedError,
    );
    await expect(pollDeviceToken(exampleProvider(), authorization())).rejects.toBeInstanceOf(
      UnsupportedError,
    );
  });
});

describe("pollDeviceToken", () => {
  it("when the device code is empty, then it is an ArgumentError and nothing is sent", async () => {
    const requests = endpoint(TOKEN_URL, () => HttpResponse.json(tokenResponse));
    const { waits, sleep } = fakeSleep();
    await expect(
      pollDeviceToken(publicGitHub(), authorization({ deviceCode: "" }), { sleep }),
    ).rejects.toThrow(argumentError("deviceCode"));
    expect(waits).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it("when the person approves after two polls, then tokens come back, one interval apart", async () => {
    const requests = endpoint(
      TOKEN_URL,
      () => deviceError("authorization_pending"),
      () => deviceError("authorization_pending"),
      () => HttpResponse.json(tokenResponse),
    );
    const { waits, sleep } = fakeSleep();
    const onPending = vi.fn();
    const tokens = await pollDeviceToken(publicGitHub(), authorization(), { sleep, onPending });
    expect(tokens).toEqual({
      accessToken: ACCESS_TOKEN,
      tokenType: "bearer",
      scopes: ["read:user", "user:email"],
    });
    expect(waits).toEqual([5000, 5000, 5000]);
    expect(onPending.mock.calls).toEqual([
      [{ error: "authorization_pending", interval: 5 }],
      [{ error: "authorization_pending", interval: 5 }],
    ]);
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.headers.get("accept")).toBe("application/json");
      expect(await form(request)).toEqual({
        grant_type: DEVICE_CODE_GRANT,
        device_code: deviceCodeResponse.device_code,
        client_id: CLIENT_ID,
      });
    }
  });

  it("when GitHub says slow_down, then the interval grows by 5 seconds each time", async () => {
    endpoint(
      TOKEN_URL,
      () => deviceError("slow_down"),
      () => deviceError("slow_down"),
      () => deviceError("authorization_pending"),
      () => HttpResponse.json(tokenResponse),
    );
    const { waits, sleep } = fakeSleep();
    await pollDeviceToken(publicGitHub(), authorization(), { sleep });
    expect(waits).toEqual([5000, 10_000, 15_000, 15_000]);
  });

  it("when slow_down states a longer interval, then that one is kept", async () => {
    endpoint(
      TOKEN_URL,
      () => deviceError("slow_down", { interval: 30 }),
      () => HttpResponse.json(tokenResponse),
    );
    const { waits, sleep } = fakeSleep();
    await pollDeviceToken(publicGitHub(), authorization(), { sleep });
    expect(waits).toEqual([5000, 30_000]);
  });

  it.each([["expired_token"], ["access_denied"]])(
    "when GitHub answers %s, then it is a DeviceFlowError and polling stops",
    async (code) => {
      const requests = endpoint(TOKEN_URL, () => deviceError(code));
      const error = await rejection(pollDeviceToken(publicGitHub(), authorization(), fakeSleep()));
      expect(error).toBeInstanceOf(DeviceFlowError);
      expect(error).toMatchObject({
        code: "device_flow_error",
        name: "DeviceFlowError",
        error: code,
        errorDescription: `${code} described`,
        status: 200,
      });
      expect(requests).toHaveLength(1);
    },
  );

  it("when a standards-following provider answers 400 errors, then they are read the same", async () => {
    const provider = exampleProvider({ device: true });
    const requests = endpoint(
      EXAMPLE_TOKEN_URL,
      () => HttpResponse.json({ error: "authorization_pending" }, { status: 400 }),
      () => HttpResponse.json({ error: "access_denied" }, { status: 400 }),
    );
    await expect(pollDeviceToken(provider, authorization(), fakeSleep())).rejects.toMatchObject({
      error: "access_denied",
      status: 400,
    });
    expect(requests[0]?.headers.get("authorization")).toMatch(/^Basic /);
  });

  it("when expiresAt passes while pending, then it stops there with expired_token", async () => {
    const clock = { now: NOW };
    vi.spyOn(Date, "now").mockImplementation(() => clock.now);
    const requests = endpoint(TOKEN_URL, () => deviceError("authorization_pending"));
    const { waits, sleep } = fakeSleep(clock);
    const error = await rejection(
      pollDeviceToken(publicGitHub(), authorization({ expiresAt: NOW + 12_000 }), { sleep }),
    );
    expect(error).toBeInstanceOf(DeviceFlowError);
    expect(error).toMatchObject({ error: "expired_token", status: undefined });
    // 5 s, 5 s, then only the 2 s left: no request is sent after the codes expired.
    expect(waits).toEqual([5000, 5000, 2000]);
    expect(requests).toHaveLength(2);
  });

  it("when the signal aborts during the wait, then it rejects at once and sends nothing", async () => {
    const requests = endpoint(TOKEN_URL, () => deviceError("authorization_pending"));
    const controller = new AbortController();
    const polling = pollDeviceToken(publicGitHub(), authorization({ interval: 60 }), {
      signal: controller.signal,
    });
    controller.abort();
    const error = await rejection(polling);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    expect(requests).toHaveLength(0);
  });

  it("when the signal aborts during a request, then it rejects with its reason", async () => {
    let arrived: () => void = () => {};
    const reached = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    // GitHub answers only once the test is over: after the abort. A handler that never
    // settled would hold the browser's worker, which waits for it before it stops.
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    endpoint(TOKEN_URL, async () => {
      arrived();
      await answered;
      return HttpResponse.json(tokenResponse);
    });
    const controller = new AbortController();
    const polling = pollDeviceToken(publicGitHub(), authorization(), {
      signal: controller.signal,
      ...fakeSleep(),
    });
    await reached;
    const reason = new Error("Ctrl-C");
    controller.abort(reason);
    await expect(polling).rejects.toBe(reason);
    answer();
  });

  it("when an injected sleep ignores the signal, then no request follows the abort", async () => {
    const requests = endpoint(TOKEN_URL, () => deviceError("authorization_pending"));
    const controller = new AbortController();
    const sleep = async () => controller.abort();
    await expect(
      pollDeviceToken(publicGitHub(), authorization(), { signal: controller.signal, sleep }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(requests).toHaveLength(0);
  });

  it("when another error is answered, then it is the provider's error, not a device one", async () => {
    endpoint(TOKEN_URL, () => deviceError("incorrect_device_code"));
    const error = await rejection(pollDeviceToken(publicGitHub(), authorization(), fakeSleep()));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).not.toBeInstanceOf(DeviceFlowError);
    expect(error).toMatchObject({ error: "incorrect_device_code" });
  });

  it("when the token answer is HTML or lacks access_token, then it is a ResponseError", async () => {
    endpoint(
      TOKEN_URL,
      () => HttpResponse.html("<h1>Unicorn!</h1>"),
      () => HttpResponse.json({ token_type: "bearer" }),
    );
    await expect(pollDeviceToken(publicGitHub(), authorization(), fakeSleep())).rejects.toThrow(
      /not JSON/,
    );
    await expect(pollDeviceToken(publicGitHub(), authorization(), fakeSleep())).rejects.toThrow(
      '"access_token" must be a string',
    );
  });

  it("when an OpenID Connect provider advertises a device endpoint, then the device grant is still unsupported", async () => {
    // Its id_token would come unchecked from this grant, so the capability stays off.
    const idp = await createTestIdp(server, {
      document: { device_authorization_endpoint: "https://idp.example.com/device" },
    });
    const provider = await idp.provider();
    expect(provider.capabilities.device).toBe(false);
    expect(provider.endpoints.device).toBeUndefined();
    await expect(startDeviceAuthorization(provider)).rejects.toBeInstanceOf(UnsupportedError);
    await expect(pollDeviceToken(provider, authorization())).rejects.toBeInstanceOf(
      UnsupportedError,
    );
    expect(idp.calls.token).toHaveLength(0);
  });
});

describe("DeviceFlowError", () => {
  it("when built, then it is an OAuthError whose provider text is cleaned", () => {
    const error = new DeviceFlowError({
      error: "access_denied\nforged",
      errorDescription: "x".repeat(500),
      errorUri: "javascript:alert(1)",
    });
    expect(error.code).toBe(ErrorCode.DEVICE_FLOW_ERROR);
    expect(error.error).toBe("access_denied forged");
    expect(error.errorDescription).toHaveLength(300);
    expect(error.errorUri).toBeUndefined();
    expect(error.status).toBeUndefined();
  });
});
