import type { OAuthProvider } from "../provider.js";
import { Secret } from "../secret.js";
import { parseTokenResponse, providerErrorFrom } from "../token-response.js";
import {
  assertHttpUrl,
  assertNonEmptyString,
  assertScopes,
  assertTimeout,
  trimTrailingSlashes,
} from "../validate.js";
import { fetchGitHubUser, revokeGitHubToken } from "./github-api.js";

const GITHUB_URL = "https://github.com";
const GITHUB_API_URL = "https://api.github.com";
const DEFAULT_SCOPES = ["read:user", "user:email"];

export interface GitHubOptions {
  clientId: string;
  /**
   * Required for the web flow and revocation. Leave it out for a public client, such as a CLI
   * using the device flow, which must not hold one.
   */
  clientSecret?: string;
  /** OAuth pages; default "https://github.com", or a GitHub Enterprise Server URL. */
  url?: string;
  /** Default "https://api.github.com" for github.com, else `${url}/api/v3`. */
  apiUrl?: string;
  /** Default ["read:user", "user:email"]. */
  scopes?: string[];
  fetch?: typeof fetch;
  /** Milliseconds per request, default 10 000. */
  timeout?: number;
}

/** GitHub.com or GitHub Enterprise Server as an OAuth App. */
export function github(options: GitHubOptions): OAuthProvider {
  assertNonEmptyString(options.clientId, "clientId");
  if (options.clientSecret !== undefined) {
    assertNonEmptyString(options.clientSecret, "clientSecret");
  }
  const url = trimTrailingSlashes(options.url ?? GITHUB_URL);
  assertHttpUrl(url, "url");
  const apiUrl = trimTrailingSlashes(options.apiUrl ?? defaultApiUrl(url));
  assertHttpUrl(apiUrl, "apiUrl");
  const scopes = Object.freeze([...(options.scopes ?? DEFAULT_SCOPES)]);
  assertScopes(scopes, "scopes");
  assertTimeout(options.timeout, "timeout");
  const { clientId } = options;
  // An empty secret marks a public client: the device flow then sends the client id alone.
  const clientSecret = new Secret(options.clientSecret ?? "");

  return Object.freeze({
    id: "github",
    name: "GitHub",
    clientId,
    authorizationEndpoint: `${url}/login/oauth/authorize`,
    tokenEndpoint: `${url}/login/oauth/access_token`,
    // The person enters the user code at `${url}/login/device`; the endpoint says so.
    deviceAuthorizationEndpoint: `${url}/login/device/code`,
    apiUrl,
    scopes,
    pkce: true,
    clientAuth: "client_secret_post",
    clientSecret,
    fetch: options.fetch,
    timeout: options.timeout,
    // GitHub answers token errors with HTTP 200 and an `error` field.
    parseTokenResponse: (status: number, body: unknown) => {
      const error = providerErrorFrom(status, body);
      if (error) throw error;
      return parseTokenResponse(status, body);
    },
    fetchUser: (ctx, accessToken, { scopes: granted }) =>
      fetchGitHubUser(ctx, apiUrl, accessToken, granted),
    revokeToken: (ctx, token) => revokeGitHubToken(ctx, { apiUrl, clientId, clientSecret }, token),
  } satisfies OAuthProvider);
}

/** github.com keeps its API on another host; GitHub Enterprise Server serves it under /api/v3. */
function defaultApiUrl(url: string): string {
  const { protocol, host, pathname } = new URL(url);
  return protocol === "https:" && host === "github.com" && pathname === "/"
    ? GITHUB_API_URL
    : `${url}/api/v3`;
}
