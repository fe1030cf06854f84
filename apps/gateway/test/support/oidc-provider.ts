import { generateKeyPairSync, type JsonWebKey, randomUUID } from "node:crypto";
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { type Account, Provider } from "oidc-provider";
import { afterEach } from "vitest";
import { ProviderEvents } from "./oidc-events.js";
import { RecordingStore } from "./oidc-store.js";

/** A person with an account at the test provider; `sub` is also what they type to sign in. */
export interface TestUser {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  preferred_username: string;
}

export const TEST_USERS: Readonly<Record<string, TestUser>> = {
  ada: {
    sub: "ada",
    email: "ada@example.test",
    email_verified: true,
    name: "Ada Lovelace",
    preferred_username: "ada.lovelace",
  },
  grace: {
    sub: "grace",
    email: "grace@example.test",
    email_verified: true,
    name: "Grace Hopper",
    preferred_username: "grace.hopper",
  },
};

/** A relying party registered at the provider: a confidential web client. */
export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
  backchannel_logout_uri?: string;
}

export interface OidcProviderOptions {
  clients?: TestClient[];
  /** How long an access token lives; short ones let a test see the gateway refresh. */
  accessTokenTtlSeconds?: number;
}

export interface TestOidcProvider {
  issuer: string;
  provider: Provider;
  events: ProviderEvents;
  store: RecordingStore;
  /** Registers a client once its addresses are known (a gateway's port, say). */
  registerClient(client: TestClient): Promise<void>;
  close(): Promise<void>;
}

const running: TestOidcProvider[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((op) => op.close()));
});

async function findAccount(_ctx: unknown, sub: string): Promise<Account | undefined> {
  const user = Object.values(TEST_USERS).find((candidate) => candidate.sub === sub);
  return user && { accountId: user.sub, claims: async () => ({ ...user }) };
}

function signingKey(): JsonWebKey {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), alg: "RS256", use: "sig" };
}

/**
 * panva's oidc-provider (OpenID Certified) on a loopback port: an identity provider the
 * gateway knows nothing special about, with its built-in login and consent pages, refresh
 * tokens on every grant, S256 PKCE required, revocation, RP-initiated and back-channel logout.
 * Closed after each test.
 */
export async function startOidcProvider(
  options: OidcProviderOptions = {},
): Promise<TestOidcProvider> {
  const store = new RecordingStore();
  // The issuer names the port, so the server listens before the provider exists.
  let handler: RequestListener = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    adapter: store.adapterFor,
    findAccount,
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username"],
    },
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      backchannelLogout: { enabled: true },
    },
    pkce: { required: () => true },
    issueRefreshToken: async () => true,
    // As most hosted providers do: every refresh spends the token and hands out the next.
    rotateRefreshToken: true,
    jwks: { keys: [signingKey()] },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 600,
      IdToken: 600,
      RefreshToken: 3_600,
      Interaction: 600,
      Session: 3_600,
      Grant: 3_600,
    },
    // Its fetch refuses loopback addresses (against SSRF); every relying party here is on one.
    fetch: (url, { dispatcher: _refusesLoopback, ...init }) => fetch(url, init),
  });
  const events = new ProviderEvents(provider);
  handler = provider.callback();

  const registerClient = async (client: TestClient) => {
    const metadata = {
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
      ...(client.backchannel_logout_uri && { backchannel_logout_session_required: true }),
      ...client,
    };
    await provider.Client.validate(metadata);
    // Where dynamically registered clients live, so one can be added after the start.
    await store.adapterFor("Client").upsert(client.client_id, metadata);
  };
  for (const client of options.clients ?? []) await registerClient(client);

  const op: TestOidcProvider = {
    issuer,
    provider,
    events,
    store,
    registerClient,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  running.push(op);
  return op;
}
