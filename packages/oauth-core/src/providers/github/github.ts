import { oauth2Facts, restApi } from "../../common-options.js";
import type { ProviderDefinition } from "../../definition.js";
import { defineProvider } from "../../engine.js";
import type { RequestContext } from "../../http.js";
import type { AccessRule, Provider } from "../../provider.js";
import { parseTokenResponseWith } from "../../provider-errors.js";
import { Secret } from "../../secret.js";
import { providerErrorFrom } from "../../token-response.js";
import {
  assertHttpUrl,
  assertNonEmptyString,
  assertScopes,
  assertTimeout,
  trimTrailingSlashes,
} from "../../validate.js";
import { checkGitHubMemberships } from "./access.js";
import { API_VERSION, fetchGitHubUser, revokeGitHubToken } from "./api.js";

const GITHUB_URL = "https://github.com";
const GITHUB_API_URL = "https://api.github.com";
const DEFAULT_SCOPES = ["read:user", "user:email"];
const ACCESS: readonly AccessRule[] = ["users", "emails", "emailDomains", "orgs", "teams"];

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
   * Default `["read:user", "user:email"]`; add `read:org` for {@link checkAccess} to see
   * private memberships (`orgs` and `teams` rules). Without `user:email` (or `user`) a private email stays null.
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
export function github(options: GitHubOptions): Provider {
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

  const client = { clientId, clientSecret, clientAuth: "client_secret_post" } as const;

  return defineProvider(
    oauth2Facts({
      id: "github",
      name: "GitHub",
      clientId,
      scopes,
      endpoints: {
        authorization: `${url}/login/oauth/authorize`,
        token: `${url}/login/oauth/access_token`,
        // The person enters the user code at `${url}/login/device`; the endpoint says so.
        device: `${url}/login/device/code`,
      },
      capabilities: {
        // GitHub App user tokens expire and come with a refresh token; OAuth App tokens do not.
        refresh: "on request",
        revoke: clientSecret.reveal() !== "",
        revokeRefresh: false,
        device: true,
        pkce: true,
        // The address comes from /user/emails, primary and verified, or not at all.
        verifiedEmail: true,
        uniqueLogin: true,
      },
      access: ACCESS,
      api: restApi(apiUrl, {
        headers: { "x-github-api-version": API_VERSION },
        requestHeaders: ["x-github-api-version", "time-zone"],
        etags: true,
      }),
    }),
    {
      ...client,
      settings: { fetch: options.fetch, timeout: options.timeout },
      // GitHub answers token errors with HTTP 200 and an `error` field.
      processTokenResponse: (_ctx, response) =>
        parseTokenResponseWith(providerErrorFrom)(response.status, response.json()),
      fetchUser: (ctx, accessToken, { scopes: granted }) =>
        fetchGitHubUser(ctx, apiUrl, accessToken, granted),
      // Revocation authenticates as the app: a public client cannot.
      ...(clientSecret.reveal() !== "" && {
        revokeToken: (ctx: RequestContext, token: string) =>
          revokeGitHubToken(ctx, { apiUrl, clientId, clientSecret }, token),
      }),
      checkAccess: (ctx, { accessToken }, lists) =>
        checkGitHubMemberships(ctx, apiUrl, accessToken, lists),
    },
  );
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
  access: ACCESS,
  // Private org and team memberships are invisible without read:org.
  accessScopes: { orgs: ["read:org"], teams: ["read:org"] },
  create: (o) =>
    Promise.resolve(
      github({
        ...o,
        ...(typeof o.url === "string" && { url: o.url }),
        ...(typeof o.apiUrl === "string" && { apiUrl: o.apiUrl }),
      }),
    ),
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
