import { describe, expect, it } from "vitest";
import { createMockGitHub, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET, seedClients } from "../src/index.js";
import { api, BASE, json, useMockGitHub } from "./helpers.js";

const DISABLED_CLIENT = "device-disabled-client";
const { mock, clock } = useMockGitHub({
  clients: [
    ...seedClients,
    { clientId: DISABLED_CLIENT, clientSecret: "disabled-secret", deviceFlow: false },
  ],
});

const GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const DOCS =
  "https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#error-codes-for-the-device-flow";
const DESCRIPTIONS: Record<string, string> = {
  authorization_pending: "The authorization request is still pending.",
  slow_down: "Too many requests have been made in the same timeframe.",
  expired_token: "The device code has expired.",
  incorrect_client_credentials: "The client_id and/or client_secret passed are incorrect.",
  incorrect_device_code: "The device_code provided is not valid.",
  access_denied: "The authorization request was denied.",
  device_flow_disabled: "Device Flow must be explicitly enabled for this App",
};

function post(path: string, fields: Record<string, string>, accept = "application/json") {
  return fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { accept },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

async function startDevice(fields: Record<string, string> = {}) {
  const response = await post("/login/device/code", {
    client_id: MOCK_CLIENT_ID,
    scope: "read:user user:email",
    ...fields,
  });
  expect(response.status).toBe(200);
  return (await json(response)) as { device_code: string; user_code: string; interval: number };
}

function poll(deviceCode: string, fields: Record<string, string> = {}) {
  return post("/login/oauth/access_token", {
    client_id: MOCK_CLIENT_ID,
    device_code: deviceCode,
    grant_type: GRANT,
    ...fields,
  });
}

/** GitHub's device-flow error body, always with HTTP 200 at the token endpoint. */
async function expectDeviceError(response: Response, error: string, extra = {}) {
  expect(response.status).toBe(200);
  expect(await json(response)).toEqual({
    error,
    error_description: DESCRIPTIONS[error],
    error_uri: DOCS,
    ...extra,
  });
}

/** Moves the mock's clock past the default 5-second interval. */
function wait(seconds = 5) {
  clock.now += seconds * 1000;
}

describe("POST /login/device/code", () => {
  it("when a known client asks, then it answers GitHub's fields: codes, page, 900 s, 5 s", async () => {
    const body = await startDevice();
    expect(body).toEqual({
      device_code: expect.stringMatching(/^[0-9a-f]{40}$/),
      user_code: expect.stringMatching(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/),
      verification_uri: `${BASE}/login/device`,
      expires_in: 900,
      interval: 5,
    });
  });

  it("when Accept is not JSON, then it answers form-encoded, as GitHub does", async () => {
    const response = await post("/login/device/code", { client_id: MOCK_CLIENT_ID }, "*/*");
    expect(response.headers.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
    const fields = new URLSearchParams(await response.text());
    expect(fields.get("expires_in")).toBe("900");
    expect(fields.get("verification_uri")).toBe(`${BASE}/login/device`);
  });

  it("when the client is unknown or sends a wrong secret, then it is a 400 incorrect_client_credentials", async () => {
    const refused: Record<string, string>[] = [
      { client_id: "nobody" },
      { client_id: MOCK_CLIENT_ID, client_secret: "wrong" },
    ];
    for (const fields of refused) {
      const response = await post("/login/device/code", fields);
      expect(response.status).toBe(400);
      expect(await json(response)).toMatchObject({ error: "incorrect_client_credentials" });
    }
    const withSecret = { client_id: MOCK_CLIENT_ID, client_secret: MOCK_CLIENT_SECRET };
    expect((await post("/login/device/code", withSecret)).status).toBe(200);
  });

  it("when the app has the device flow turned off, then it is a 400 device_flow_disabled", async () => {
    const response = await post("/login/device/code", { client_id: DISABLED_CLIENT });
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({
      error: "device_flow_disabled",
      error_description: DESCRIPTIONS.device_flow_disabled,
      error_uri: DOCS,
    });
  });
});

describe("POST /login/oauth/access_token with the device grant", () => {
  it("when nobody has entered the code yet, then it is authorization_pending", async () => {
    const { device_code } = await startDevice();
    await expectDeviceError(await poll(device_code), "authorization_pending");
  });

  it("when the person approves, then the next poll gets a working token, once", async () => {
    const { device_code, user_code } = await startDevice();
    await expectDeviceError(await poll(device_code), "authorization_pending");
    mock.approveDevice(user_code, "octocat");
    wait();
    const response = await poll(device_code);
    const body = await json(response);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^gho_/),
      token_type: "bearer",
      scope: "read:user,user:email",
    });
    expect(await json(await api("/user", body.access_token))).toMatchObject({ login: "octocat" });
    wait();
    await expectDeviceError(await poll(device_code), "incorrect_device_code");
  });

  it("when polled faster than the interval, then slow_down adds 5 s each time", async () => {
    const { device_code } = await startDevice();
    await expectDeviceError(await poll(device_code), "authorization_pending");
    wait(4);
    await expectDeviceError(await poll(device_code), "slow_down", { interval: 10 });
    wait(9);
    await expectDeviceError(await poll(device_code), "slow_down", { interval: 15 });
    wait(15);
    await expectDeviceError(await poll(device_code), "authorization_pending");
  });

  it("when 900 seconds have passed, then it is expired_token and the page refuses the code", async () => {
    const { device_code, user_code } = await startDevice();
    wait(900);
    await expectDeviceError(await poll(device_code), "expired_token");
    expect(() => mock.approveDevice(user_code, "octocat")).toThrow(/No pending device/);
  });

  it("when the person cancels, then it is access_denied", async () => {
    const { device_code, user_code } = await startDevice();
    mock.denyDevice(user_code);
    await expectDeviceError(await poll(device_code), "access_denied");
  });

  it("when the device code is unknown or another app's, then it is incorrect_device_code", async () => {
    await expectDeviceError(await poll("0".repeat(40)), "incorrect_device_code");
    const { device_code } = await startDevice();
    const asOther = { client_id: "mock-app-client-id" };
    await expectDeviceError(await poll(device_code, asOther), "incorrect_device_code");
  });

  it("when the client is wrong or has the device flow off, then GitHub's error comes with 200", async () => {
    const { device_code } = await startDevice();
    await expectDeviceError(
      await poll(device_code, { client_secret: "wrong" }),
      "incorrect_client_credentials",
    );
    await expectDeviceError(
      await poll(device_code, { client_id: DISABLED_CLIENT }),
      "device_flow_disabled",
    );
  });

  it("when the client is a GitHub App, then the device flow grants its expiring tokens", async () => {
    const { device_code, user_code } = await startDevice({ client_id: "mock-app-client-id" });
    mock.approveDevice(user_code, "monalisa");
    const body = await json(await poll(device_code, { client_id: "mock-app-client-id" }));
    expect(body).toMatchObject({
      access_token: expect.stringMatching(/^ghu_/),
      refresh_token: expect.stringMatching(/^ghr_/),
    });
  });

  it("when reset, then device authorizations are forgotten", async () => {
    const { device_code } = await startDevice();
    mock.reset();
    await expectDeviceError(await poll(device_code), "incorrect_device_code");
  });
});

describe("GET and POST /login/device", () => {
  it("when opened without a code, then it asks for the code the device shows", async () => {
    const response = await fetch(`${BASE}/login/device`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<input id="user_code" name="user_code"');
    expect(html).toContain(">Continue</button>");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("when the code is typed in lower case without the hyphen, then the consent page shows", async () => {
    const { user_code } = await startDevice();
    const typed = user_code.replace("-", "").toLowerCase();
    const response = await fetch(`${BASE}/login/device?user_code=${typed}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Authorize Latchkey (development)");
    expect(html).toContain(`<input type="hidden" name="user_code" value="${user_code}">`);
    expect(html).toContain("<code>user:email</code>");
    expect(html).toContain(">Continue as octocat</button>");
    expect(html).toContain(">Cancel</button>");
  });

  it("when the code is unknown, then the entry page says so, escaping what was typed", async () => {
    const response = await fetch(`${BASE}/login/device?user_code=${encodeURIComponent('"><b>')}`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('value="&quot;&gt;&lt;b&gt;"');
    expect(html).not.toContain("<b>");
  });

  it("when the form picks an account, then it lands on the success page and the token is that account's", async () => {
    const { device_code, user_code } = await startDevice();
    const response = await post("/login/device", { user_code, login: "monalisa" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${BASE}/login/device/success`);
    const success = await fetch(`${BASE}/login/device/success`);
    expect(await success.text()).toContain("Your device is now connected.");
    const { access_token } = await json(await poll(device_code));
    expect(await json(await api("/user", access_token))).toMatchObject({ login: "monalisa" });
  });

  it("when the form is cancelled, then it lands on the failure page and the device is denied", async () => {
    const { device_code, user_code } = await startDevice();
    const response = await post("/login/device", { user_code, cancel: "1" });
    expect(response.headers.get("location")).toBe(`${BASE}/login/device/failure`);
    await expectDeviceError(await poll(device_code), "access_denied");
    // Decided: the code cannot be approved afterwards.
    expect((await post("/login/device", { user_code, login: "octocat" })).status).toBe(404);
  });

  it("when the form names an unknown account or is not a form, then it is refused", async () => {
    const { user_code } = await startDevice();
    expect((await post("/login/device", { user_code, login: "mallory" })).status).toBe(400);
    const asJson = await fetch(`${BASE}/login/device`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_code, login: "octocat" }),
    });
    expect(asJson.status).toBe(415);
  });
});

describe("the programmatic approval", () => {
  it("when POST /_mock/device/approve names a code and a login, then it answers 204, unrecorded", async () => {
    const { device_code, user_code } = await startDevice();
    mock.requests.length = 0;
    const response = await fetch(`${BASE}/_mock/device/approve`, {
      method: "POST",
      body: JSON.stringify({ user_code, login: "hubot" }),
    });
    expect(response.status).toBe(204);
    expect(mock.requests).toEqual([]);
    const { access_token } = await json(await poll(device_code));
    expect(await json(await api("/user", access_token))).toMatchObject({ login: "hubot" });
  });

  it("when the admin route gets a bad body, an unknown code or login, then 400/404 JSON", async () => {
    const { user_code } = await startDevice();
    const admin = (path: string, body: string) =>
      fetch(`${BASE}/_mock/device/${path}`, { method: "POST", body });
    const cases: Array<[string, string, number, string]> = [
      ["approve", "{", 400, "invalid_device_decision"],
      ["approve", JSON.stringify({ user_code }), 400, "invalid_device_decision"],
      ["approve", JSON.stringify({ user_code, login: "mallory" }), 400, "unknown_login"],
      [
        "approve",
        JSON.stringify({ user_code: "BCDF-GHJK", login: "octocat" }),
        404,
        "unknown_user_code",
      ],
      ["deny", JSON.stringify({}), 400, "invalid_device_decision"],
    ];
    for (const [path, body, status, error] of cases) {
      const response = await admin(path, body);
      expect(response.status).toBe(status);
      expect(await json(response)).toMatchObject({ error });
    }
    expect((await admin("deny", JSON.stringify({ user_code }))).status).toBe(204);
  });

  it("when approveDevice names an unknown login, then it throws", async () => {
    const { user_code } = await startDevice();
    expect(() => mock.approveDevice(user_code, "mallory")).toThrow('No seeded account "mallory"');
  });

  it("when deviceInterval is not a non-negative integer, then createMockGitHub throws", () => {
    for (const deviceInterval of [-1, 1.5, Number.NaN]) {
      expect(() => createMockGitHub({ baseUrl: BASE, deviceInterval })).toThrow(TypeError);
    }
  });
});
