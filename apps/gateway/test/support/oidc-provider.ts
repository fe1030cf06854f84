import { Provider } from "oidc-provider";
import { afterEach } from "vitest";
import { ProviderEvents } from "./oidc-events.js";
import {
  independentProviderConfig,
  listenForIssuer,
  WEB_CLIENT_DEFAULTS,
} from "./oidc-provider-config.js";
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
  const server = await listenForIssuer();
  const { issuer } = server;
  const provider = new Provider(issuer, {
    ...independentProviderConfig({
      accounts: TEST_USERS,
      ttl: {
        AccessToken: options.accessTokenTtlSeconds ?? 600,
        IdToken: 600,
        RefreshToken: 3_600,
        Interaction: 600,
        Session: 3_600,
        Grant: 3_600,
      },
    }),
    adapter: store.adapterFor,
  });
  const events = new ProviderEvents(provider);
  server.serve(provider.callback());

  const registerClient = async (client: TestClient) => {
    const metadata = {
      ...WEB_CLIENT_DEFAULTS,
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
    close: server.close,
  };
  running.push(op);
  return op;
}
