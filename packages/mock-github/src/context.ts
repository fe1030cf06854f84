import { createOidcContext, type OidcContext } from "./oidc/context.js";
import { seedOidcClients } from "./oidc/seed.js";
import type { MockOidcClient } from "./oidc/types.js";
import { seedAccounts, seedClients, seedOrgs } from "./seed.js";
import { MockState } from "./state.js";
import type { MockClient, SeedAccount, SeedOrg } from "./types.js";
import { assertLifetime } from "./validate.js";

export interface MockGitHubOptions {
  /** Where the mock lives, e.g. "http://localhost:4000"; handlers match this origin and path. */
  baseUrl: string;
  /**
   * Registered OAuth apps; default `seedClients`: `mock-client-id` / `mock-client-secret`,
   * and the GitHub App `mock-app-client-id` / `mock-app-client-secret` (expiring tokens).
   */
  clients?: readonly MockClient[];
  /** Clients of the OpenID Connect provider; default `mock-google-client-id` / `mock-google-client-secret`. */
  oidcClients?: readonly MockOidcClient[];
  /** Users who can sign in; default `seedAccounts` (octocat, monalisa, hubot). */
  accounts?: readonly SeedAccount[];
  /** Organizations the accounts' memberships refer to; default `seedOrgs`. */
  orgs?: readonly SeedOrg[];
  /** Clock in epoch milliseconds, for code and token expiry and rate-limit windows; default Date.now. */
  now?: () => number;
  /** Requests per hour per token, as GitHub's primary rate limit; default 5000. */
  rateLimit?: number;
  /** Seconds a device flow client must wait between token requests; default 5 (tests: 0). */
  deviceInterval?: number;
}

/** The resolved options and the live state, shared by every handler of one mock. */
export interface MockContext {
  baseUrl: string;
  apiUrl: string;
  /** "host[:port]" of baseUrl, for clone URLs. */
  host: string;
  clients: ReadonlyMap<string, MockClient>;
  accounts: ReadonlyMap<string, SeedAccount>;
  accountsById: ReadonlyMap<number, SeedAccount>;
  orgs: ReadonlyMap<string, SeedOrg>;
  rateLimit: number;
  deviceInterval: number;
  state: MockState;
  /** The OpenID Connect provider under `<baseUrl>/oidc`. */
  oidc: OidcContext;
}

export function createContext(options: MockGitHubOptions): MockContext {
  const base = parseBaseUrl(options.baseUrl);
  const accounts = options.accounts ?? seedAccounts;
  const rateLimit = options.rateLimit ?? 5000;
  if (!Number.isInteger(rateLimit) || rateLimit < 1) {
    throw new TypeError(`"rateLimit" must be a positive integer, got ${String(options.rateLimit)}`);
  }
  const baseUrl = base.href.replace(/\/+$/, "");
  const clients = options.clients ?? seedClients;
  for (const client of clients) {
    assertLifetime(client.tokenLifetimeSeconds, "tokenLifetimeSeconds");
    assertLifetime(client.refreshTokenLifetimeSeconds, "refreshTokenLifetimeSeconds");
  }
  const deviceInterval = options.deviceInterval ?? 5;
  if (!Number.isInteger(deviceInterval) || deviceInterval < 0) {
    throw new TypeError(
      `"deviceInterval" must be a non-negative integer, got ${String(options.deviceInterval)}`,
    );
  }
  const now = options.now ?? Date.now;
  return {
    baseUrl,
    apiUrl: `${baseUrl}/api/v3`,
    host: base.host,
    clients: new Map(clients.map((client) => [client.clientId, client])),
    // GitHub logins are case-insensitive; keys are lower-cased, lookups must be too.
    accounts: new Map(accounts.map((account) => [account.login.toLowerCase(), account])),
    accountsById: new Map(accounts.map((account) => [account.id, account])),
    orgs: new Map((options.orgs ?? seedOrgs).map((org) => [org.login.toLowerCase(), org])),
    rateLimit,
    deviceInterval,
    state: new MockState(now),
    oidc: createOidcContext(baseUrl, options.oidcClients ?? seedOidcClients, now),
  };
}

function parseBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`"baseUrl" must be an absolute URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`"baseUrl" must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.search || url.hash) {
    throw new TypeError(
      `"baseUrl" must not have a query or fragment, got ${JSON.stringify(value)}`,
    );
  }
  return url;
}

export function findAccount(context: MockContext, login: string): SeedAccount | undefined {
  return context.accounts.get(login.toLowerCase());
}
