import { providers as catalogue, type Provider } from "@latchkey/oauth-core";
import { HttpResponse, http, passthrough } from "msw";
import { describe, expect, it } from "vitest";
import { providerSlot } from "../src/auth/providers.js";
import { tokenParamsFrom } from "../src/auth/token-params.js";
import { startGateway } from "./support/gateway.js";
import { githubBase, useMockGitHub } from "./support/network.js";

const mock = useMockGitHub();
const discoveries = () =>
  mock.mock.requests.filter((r) => r.path === "/oidc/.well-known/openid-configuration").length;

function slotWith(make: () => Promise<Provider>) {
  const definition = catalogue.google;
  if (!definition) throw new Error("the catalogue has no Google");
  return providerSlot({ id: "google", settings: {}, access: {} }, definition, make);
}

const login = (url: string) => fetch(`${url}/auth/google/login`, { redirect: "manual" });

describe("the provider registry", () => {
  it("when many callers ask at once, then the provider is made once and shared", async () => {
    let made = 0;
    const provider = {} as Provider;
    const slot = slotWith(async () => {
      made++;
      return provider;
    });
    expect(slot.known()).toBeUndefined();
    const all = await Promise.all([slot.get(), slot.get(), slot.get()]);
    expect(all).toEqual([provider, provider, provider]);
    expect(await slot.get()).toBe(provider);
    expect(made).toBe(1);
    expect(slot.known()).toBe(provider);
  });

  it("when making the provider fails, even at once, then the failure is forgotten and the next call tries again", async () => {
    const provider = {} as Provider;
    const outcomes: Array<() => Promise<Provider>> = [
      () => {
        throw new Error("bad option");
      },
      () => Promise.reject(new Error("discovery down")),
      () => Promise.resolve(provider),
    ];
    const slot = slotWith(() => (outcomes.shift() as () => Promise<Provider>)());
    await expect(slot.get()).rejects.toThrow("bad option");
    await expect(slot.get()).rejects.toThrow("discovery down");
    expect(slot.known()).toBeUndefined();
    await expect(slot.get()).resolves.toBe(provider);
  });

  it("when discovery is down at a login, then it lands on the login page, and the next login discovers again and goes on", async () => {
    const gateway = await startGateway();
    let down = true;
    mock.use(
      http.get(`${githubBase()}/oidc/.well-known/openid-configuration`, () =>
        down ? new HttpResponse(null, { status: 503 }) : passthrough(),
      ),
    );
    expect((await login(gateway.url)).headers.get("location")).toMatch(/^\/login\?error=/);
    down = false;
    const next = await login(gateway.url);
    expect(next.status).toBe(302);
    expect(next.headers.get("location")).toMatch(
      new RegExp(`^${mock.mock.baseUrl}/oidc/authorize`),
    );
    await login(gateway.url);
    expect(discoveries()).toBe(1);
  });

  it("when the gateway is made, then no provider is asked anything until a sign-in needs it", async () => {
    await startGateway();
    expect(discoveries()).toBe(0);
  });
});

describe("tokenParamsFrom", () => {
  it("when the provider names callback parameters, then those present are kept, and nothing else", () => {
    const callback = new URLSearchParams("code=c&state=s&device_id=d-1&ext=x");
    expect(tokenParamsFrom({ tokenParams: ["device_id", "absent"] }, callback)).toEqual({
      device_id: "d-1",
    });
    expect(tokenParamsFrom({ tokenParams: [] }, callback)).toEqual({});
  });
});
