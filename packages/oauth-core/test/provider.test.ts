import { describe, expect, it } from "vitest";
import {
  createAuthorizationRequest,
  discord,
  endSessionUrl,
  exchangeCode,
  fetchUser,
  github,
  google,
  type Provider,
  pollDeviceToken,
  providers,
  refreshTokens,
  revokeToken,
  startDeviceAuthorization,
  verifyLogoutToken,
} from "../src/index.js";
import { argumentError } from "./support/argument-error.js";
import { CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, testGitHub } from "./support/github.js";
import { useMockServer } from "./support/msw.js";
import { createTestIdp, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } from "./support/oidc-idp.js";

const server = useMockServer();

/** The members of the public type, and nothing else: no hook, no secret. */
const FACTS = [
  "id",
  "name",
  "protocol",
  "clientId",
  "scopes",
  "issuer",
  "issuerParameter",
  "endpoints",
  "capabilities",
  "access",
  "api",
  "tokenParams",
].sort();

/** A provider of each kind: plain OAuth 2.0, a public client, OpenID Connect by discovery. */
async function madeProviders(): Promise<[string, Provider][]> {
  const idp = await createTestIdp(server);
  return [
    ["github", testGitHub()],
    ["github (public client)", github({ clientId: CLIENT_ID })],
    ["discord", discord({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET })],
    ["oidc", await idp.provider()],
    [
      "google",
      await google({
        issuer: idp.issuer,
        clientId: OIDC_CLIENT_ID,
        clientSecret: OIDC_CLIENT_SECRET,
        offline: true,
      }),
    ],
  ];
}

/** Every object reachable from `value`, itself included, with the path that leads to it. */
function* objectsIn(value: object, path = "provider"): Generator<[string, object]> {
  yield [path, value];
  for (const [key, member] of Object.entries(value)) {
    if (typeof member === "object" && member !== null) yield* objectsIn(member, `${path}.${key}`);
  }
}

/** Every function reachable from `value`, by path. */
function functionsIn(value: object): string[] {
  return [...objectsIn(value)].flatMap(([path, object]) =>
    Object.entries(object)
      .filter(([, member]) => typeof member === "function")
      .map(([key]) => `${path}.${key}`),
  );
}

describe("Provider", () => {
  it("when a provider is made, then it and its nested facts are frozen and it has no function-valued member", async () => {
    for (const [name, provider] of await madeProviders()) {
      for (const [path, object] of objectsIn(provider)) {
        expect(Object.isFrozen(object), `${name}: ${path}`).toBe(true);
      }
      expect(functionsIn(provider), name).toEqual([]);
      expect(Object.keys(provider).sort(), name).toEqual(FACTS);
    }
  });

  it("when a provider is serialized, then its client secret is nowhere in it", async () => {
    for (const [name, provider] of await madeProviders()) {
      const json = JSON.stringify(provider);
      expect(json, name).not.toContain(CLIENT_SECRET);
      expect(json, name).not.toContain(OIDC_CLIENT_SECRET);
      expect(json, name).not.toMatch(/secret/i);
    }
  });

  it("when a catalogue entry is listed, then its access rules are those of the provider it makes", async () => {
    const [, made] = (await madeProviders()).find(([name]) => name === "google") ?? [];
    expect(providers.google?.access).toEqual(made?.access);
    expect(providers.github?.access).toEqual(testGitHub().access);
    expect(Object.isFrozen(providers)).toBe(true);
  });
});

describe("a copy of a provider", () => {
  const copies = (provider: Provider): [string, Provider][] => [
    ["a spread copy", { ...provider }],
    ["a frozen spread copy", Object.freeze({ ...provider })],
    ["a JSON round trip", JSON.parse(JSON.stringify(provider)) as Provider],
  ];
  const flows: [string, (provider: Provider) => Promise<unknown>][] = [
    [
      "createAuthorizationRequest",
      (p) => createAuthorizationRequest(p, { redirectUri: REDIRECT_URI }),
    ],
    [
      "exchangeCode",
      (p) =>
        exchangeCode(p, { code: "c", redirectUri: REDIRECT_URI, codeVerifier: "v".repeat(43) }),
    ],
    ["refreshTokens", (p) => refreshTokens(p, "rt")],
    ["fetchUser", (p) => fetchUser(p, "at")],
    ["revokeToken", (p) => revokeToken(p, "at")],
    ["endSessionUrl", async (p) => endSessionUrl(p)],
    ["verifyLogoutToken", (p) => verifyLogoutToken(p, "a.b.c")],
    ["startDeviceAuthorization", (p) => startDeviceAuthorization(p)],
    [
      "pollDeviceToken",
      (p) =>
        pollDeviceToken(
          p,
          {
            deviceCode: "dc",
            userCode: "WDJB-MJHT",
            verificationUri: "https://github.com/login/device",
            expiresAt: Date.now() + 60_000,
            interval: 0,
          },
          { sleep: () => Promise.resolve() },
        ),
    ],
  ];

  it.each(flows)(
    "when an object that is not a factory's provider is passed to %s, then it is an ArgumentError",
    async (_, flow) => {
      for (const [kind, copy] of copies(testGitHub())) {
        await expect(flow(copy), kind).rejects.toThrow(argumentError("provider"));
      }
    },
  );
});
