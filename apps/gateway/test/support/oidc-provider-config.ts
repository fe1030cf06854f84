import { generateKeyPairSync, type JsonWebKey, randomUUID } from "node:crypto";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Account, Configuration } from "oidc-provider";

/**
 * How Latchkey's tests run panva's oidc-provider, shared by the gateway's tests and the
 * browser tests: no test framework in here, so either may import it.
 */

/** A person's claims at the provider, by subject (what they type as their login). */
export type Accounts = Readonly<Record<string, object>>;

/**
 * An identity provider the gateway knows nothing special about: its built-in login, consent
 * and sign-out pages, refresh tokens on every grant (rotated, as most hosted providers do),
 * S256 PKCE required, revocation, RP-initiated and back-channel logout, one fresh RS256 key.
 */
export function independentProviderConfig(options: {
  accounts: Accounts;
  ttl: NonNullable<Configuration["ttl"]>;
}): Configuration {
  const findAccount = async (_ctx: unknown, sub: string): Promise<Account | undefined> => {
    if (!Object.hasOwn(options.accounts, sub)) return undefined;
    const claims = { ...options.accounts[sub], sub };
    return { accountId: sub, claims: async () => claims };
  };
  return {
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
    rotateRefreshToken: true,
    jwks: { keys: [signingKey()] },
    ttl: options.ttl,
    // Its fetch refuses loopback addresses (against SSRF); every relying party here is on one.
    fetch: (url, { dispatcher: _refusesLoopback, ...init }) => fetch(url, init),
  };
}

/** What a confidential web client of the gateway's kind registers with. */
export const WEB_CLIENT_DEFAULTS = {
  grant_types: ["authorization_code", "refresh_token"],
  response_types: ["code"],
  token_endpoint_auth_method: "client_secret_basic",
} as const;

/**
 * A loopback server listening before the provider exists: the issuer names the port. Plug
 * the provider's callback in with `serve`.
 */
export async function listenForIssuer(): Promise<{
  issuer: string;
  serve(handler: RequestListener): void;
  close(): Promise<void>;
}> {
  let handler: RequestListener = (_req, res) => res.writeHead(503).end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    serve: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function signingKey(): JsonWebKey {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), alg: "RS256", use: "sig" };
}
