import { assertLifetime } from "../validate.js";
import { SigningKeys } from "./keys.js";
import { OidcStore } from "./store.js";
import type { MockOidcClient } from "./types.js";

/** Access tokens and id_tokens live an hour, as Google's do. */
export const DEFAULT_OIDC_TOKEN_LIFETIME_SECONDS = 3600;

/** The OpenID Connect provider's part of a mock: its issuer, clients, key and tokens. */
export interface OidcContext {
  /** `<baseUrl>/oidc`, exactly as the discovery document and id_tokens state it. */
  issuer: string;
  clients: ReadonlyMap<string, MockOidcClient>;
  keys: SigningKeys;
  store: OidcStore;
}

export function createOidcContext(
  baseUrl: string,
  clients: readonly MockOidcClient[],
  now: () => number,
): OidcContext {
  for (const client of clients) {
    assertLifetime(client.tokenLifetimeSeconds, "tokenLifetimeSeconds");
  }
  return {
    issuer: `${baseUrl}/oidc`,
    clients: new Map(clients.map((client) => [client.clientId, client])),
    keys: new SigningKeys(),
    store: new OidcStore(now),
  };
}

export function tokenLifetime(client: MockOidcClient): number {
  return client.tokenLifetimeSeconds ?? DEFAULT_OIDC_TOKEN_LIFETIME_SECONDS;
}
