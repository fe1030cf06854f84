import { generateKeyPairSync, type JsonWebKey, randomUUID } from "node:crypto";
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { type Account, Provider } from "oidc-provider";

// The module's declaration (shared with the gateway's tests) covers what those tests use; a
// static client list is what this provider adds.
declare module "oidc-provider" {
  interface Configuration {
    clients?: Record<string, unknown>[];
  }
}

/**
 * People with an account at the provider: `sub` is what they type as their login. Tests that
 * count a person's sessions each take their own, since the gateway outlives every test.
 */
export const ACME_USERS = {
  ada: { name: "Ada Lovelace", preferred_username: "ada.lovelace" },
  grace: { name: "Grace Hopper", preferred_username: "grace.hopper" },
  alan: { name: "Alan Turing", preferred_username: "alan.turing" },
  barbara: { name: "Barbara Liskov", preferred_username: "barbara.liskov" },
} as const;

/** The gateway's client at the provider, as an administrator would register it. */
export const ACME_CLIENT = {
  client_id: "latchkey-e2e",
  client_secret: "latchkey-e2e-secret-at-the-provider",
} as const;

export interface AcmeProvider {
  issuer: string;
  close(): Promise<void>;
}

async function findAccount(_ctx: unknown, sub: string): Promise<Account | undefined> {
  if (!Object.hasOwn(ACME_USERS, sub)) return undefined;
  const user = ACME_USERS[sub as keyof typeof ACME_USERS];
  const claims = { sub, email: `${sub}@acme.test`, email_verified: true, ...user };
  return { accountId: sub, claims: async () => claims };
}

function signingKey(): JsonWebKey {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), alg: "RS256", use: "sig" };
}

/**
 * panva's oidc-provider (OpenID Certified) on a loopback port: an identity provider the
 * gateway knows nothing special about, with its own login, consent and sign-out pages, refresh
 * tokens, S256 PKCE required, revocation, RP-initiated and back-channel logout. `gatewayUrl` is
 * the one relying party's public origin (its port is chosen before either starts).
 */
export async function startAcmeProvider(gatewayUrl: string): Promise<AcmeProvider> {
  // The issuer names the port, so the server listens before the provider exists.
  let handler: RequestListener = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    findAccount,
    clients: [
      {
        ...ACME_CLIENT,
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
        redirect_uris: [`${gatewayUrl}/auth/oidc/callback`],
        post_logout_redirect_uris: [`${gatewayUrl}/auth/oidc/logged-out`],
        backchannel_logout_uri: `${gatewayUrl}/auth/oidc/backchannel-logout`,
        backchannel_logout_session_required: true,
      },
    ],
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
    rotateRefreshToken: true,
    jwks: { keys: [signingKey()] },
    // Longer than any run, so nothing a test holds expires under it.
    ttl: {
      AccessToken: 3_600,
      IdToken: 3_600,
      RefreshToken: 86_400,
      Interaction: 3_600,
      Session: 86_400,
      Grant: 86_400,
    },
    // Its fetch refuses loopback addresses (against SSRF); the gateway here is on one.
    fetch: (url, { dispatcher: _refusesLoopback, ...init }) => fetch(url, init),
  });
  handler = provider.callback();

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
