/** An OAuth app registered on the mock, as on GitHub's "Developer settings" page. */
export interface MockClient {
  clientId: string;
  clientSecret: string;
  /** Shown on the authorize page: "<name> wants to access your account". */
  name?: string;
  /**
   * The registered callback URL. When set, redirect_uri must be on the same host and port
   * and under the same path, as GitHub requires; when unset any http(s) URL is accepted.
   */
  callbackUrl?: string;
  /** `false` answers the device flow with `device_flow_disabled`, as an app without it enabled. */
  deviceFlow?: boolean;
  /**
   * Behave as a GitHub App with expiring user tokens: the token endpoint answers `ghu_`
   * tokens with `expires_in` and a single-use `ghr_` refresh token, and takes
   * `grant_type=refresh_token`.
   */
  expiringTokens?: boolean;
  /** With `expiringTokens`: access token lifetime in seconds, default 28800 (8 hours). */
  tokenLifetimeSeconds?: number;
  /** With `expiringTokens`: refresh token lifetime in seconds, default 15897600 (184 days). */
  refreshTokenLifetimeSeconds?: number;
}

export interface SeedEmail {
  email: string;
  primary: boolean;
  verified: boolean;
  visibility: "public" | "private" | null;
}

export interface SeedRepo {
  id: number;
  name: string;
  description: string | null;
  private: boolean;
  fork: boolean;
  language: string | null;
  stargazersCount: number;
  forksCount: number;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
}

export interface SeedOrg {
  login: string;
  id: number;
  description: string | null;
}

export interface SeedAccount {
  login: string;
  id: number;
  name: string | null;
  /** The public profile email; null when the user keeps it private (then see `emails`). */
  email: string | null;
  emails: SeedEmail[];
  company: string | null;
  blog: string;
  location: string | null;
  bio: string | null;
  followers: number;
  following: number;
  createdAt: string;
  updatedAt: string;
  repos: SeedRepo[];
  /** Memberships; a private one is only listed to tokens with `read:org` or `user`. */
  orgs: Array<{ login: string; public: boolean }>;
}

/** One request the mock answered, for tests asserting what upstream was (or was never) asked. */
export interface RecordedRequest {
  method: string;
  url: string;
  path: string;
}
