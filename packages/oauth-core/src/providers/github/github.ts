import type { ProviderDefinition } from "../../definition.js";
import type { OAuthProvider } from "../../provider.js";
import { Secret } from "../../secret.js";
import { parseTokenResponse, providerErrorFrom } from "../../token-response.js";
import {
  assertHttpUrl,
  assertNonEmptyString,
  assertScopes,
  assertTimeout,
  trimTrailingSlashes,
} from "../../validate.js";
import { fetchGitHubUser, revokeGitHubToken } from "./api.js";

const GITHUB_URL = "https://github.com";
const GITHUB_API_URL = "https://api.github.com";
const DEFAULT_SCOPES = ["read:user", "user:email"];

/**
 * Options of {@link github}. Unlike the other factories, `clientSecret` is optional, for the
 * device flow's public clients.
 */
export interface GitHubOptions {
  /** The OAuth App's client id (non-empty). */
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
  /**
   * Default `["read:user", "user:email"]`; add `read:org` for {@link checkGitHubAccess} to see
   * private memberships. Without `user:email` (or `user`) a private email stays null.
   */
  scopes?: string[];
  /** The `fetch` for every request; default `globalThis.fetch`, looked up on each call. */
  fetch?: typeof fetch;
  /** Milliseconds per request, default 10 000. */
  timeout?: number;
}

/**
 * GitHub.com or GitHub Enterprise Server as an OAuth App (a GitHub App's user tokens work the
 * same way, and expire after 8 hours with a refresh token). S256 PKCE; secret in the body
 * (`client_secret_post`); GitHub's HTTP 200 token errors become {@link ProviderError}s; device
 * flow at `<url>/login/device/code`; revocation with `DELETE /applications/{client_id}/token`.
 * GitHub has no issuer, so {@link callbackChecksFor} answers `{ requireIssuer: false }`.
 *
 * @throws {@link ArgumentError} when `clientId` is empty, `clientSecret` is given but empty,
 * `url` or `apiUrl` is not an absolute http(s) URL, a scope is invalid or `timeout` is not
 * positive.
 */
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

/** The catalogue entry for {@link github}: how to make it from configuration, how to set it up. */
export const githubDefinition: ProviderDefinition = {
  id: "github",
  name: "GitHub",
  protocol: "oauth2",
  create: (o) =>
    github({
      ...o,
      ...(typeof o.url === "string" && { url: o.url }),
      ...(typeof o.apiUrl === "string" && { apiUrl: o.apiUrl }),
    }),
  settings: [
    {
      option: "url",
      env: "URL",
      required: false,
      description: "GitHub Enterprise Server URL; default https://github.com",
    },
    {
      option: "apiUrl",
      env: "API_URL",
      required: false,
      description: "REST API base; default api.github.com, or <URL>/api/v3",
    },
  ],
  setup: {
    console: "https://github.com/settings/developers (OAuth Apps)",
    defaultScopes: ["read:user", "user:email"],
    refresh: "on request",
    revocation: true,
    pkce: true,
    notes:
      "OAuth App tokens do not expire; GitHub App user tokens expire after 8 hours and come with a refresh token.",
  },
};
