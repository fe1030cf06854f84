import type { ApiOption, Me, NormalizedUser, Provider, SessionSummary } from "../api";

export const octocat: NormalizedUser = {
  provider: "github",
  id: "583231",
  login: "octocat",
  name: "The Octocat",
  email: "octocat@github.example",
  avatarUrl: "https://avatars.githubusercontent.com/u/583231?v=4",
  profileUrl: "https://github.com/octocat",
};

export const googler: NormalizedUser = {
  provider: "google",
  id: "108000000000000000001",
  login: "ada",
  name: "Ada Lovelace",
  email: "ada@gmail.example",
  avatarUrl: null,
  profileUrl: null,
};

// The providers whose own API the mock gateway proxies, as the real one lists them in `apis`.
const PROVIDER_APIS: Readonly<Record<string, string>> = {
  github: "/api/github",
  google: "/api/google",
};

/** The APIs a session started with `provider` can call: its provider's own, if proxied. */
export function apisFor(provider: string): ApiOption[] {
  const path = Object.hasOwn(PROVIDER_APIS, provider) ? PROVIDER_APIS[provider] : undefined;
  return path === undefined ? [] : [{ name: provider, path, kind: "provider" }];
}

export function sessionFor(user: NormalizedUser, now = Date.now()): Me {
  return {
    user,
    provider: user.provider,
    providerName: defaultProviders.find((p) => p.id === user.provider)?.name ?? user.provider,
    expiresAt: new Date(now + 8 * 60 * 60 * 1000).toISOString(),
    apis: apisFor(user.provider),
  };
}

export const defaultProviders: readonly Provider[] = [
  { id: "github", name: "GitHub", loginUrl: "/auth/github/login", api: "/api/github" },
  { id: "google", name: "Google", loginUrl: "/auth/google/login", api: "/api/google" },
];

export interface MockRepo {
  id: number;
  full_name: string;
  html_url: string;
  description: string | null;
  private: boolean;
}

/** `count` repositories owned by `login`, already in full_name order. */
export function seedRepos(login: string, count: number): MockRepo[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `${login}/repo-${String(index + 1).padStart(2, "0")}`;
    return {
      id: 1000 + index,
      full_name: name,
      html_url: `https://github.com/${name}`,
      description: index % 3 === 0 ? `Project number ${index + 1}` : null,
      private: index % 7 === 0,
    };
  });
}

export interface MockDriveFile {
  kind: "drive#file";
  id: string;
  name: string;
  mimeType: string;
}

/** The files the mock provider's Drive holds for every account (mock-github's google-api). */
export function seedDriveFiles(user: NormalizedUser): MockDriveFile[] {
  return [
    {
      kind: "drive#file",
      id: `${user.id}-welcome`,
      name: "Welcome to Drive",
      mimeType: "application/pdf",
    },
    {
      kind: "drive#file",
      id: `${user.id}-notes`,
      name: `${user.login}'s notes`,
      mimeType: "application/vnd.google-apps.document",
    },
  ];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The signed-in user's sessions as `GET /api/sessions` lists them, newest first: this browser's,
 * two others, and one whose user agent told the gateway nothing.
 */
export function seedSessions(now = Date.now()): SessionSummary[] {
  const session = (
    id: string,
    browser: string | null,
    system: string | null,
    signedInAgo: number,
    lastSeenAgo: number,
  ): SessionSummary => ({
    id,
    current: id === "current",
    browser,
    system,
    signedInAt: new Date(now - signedInAgo).toISOString(),
    lastSeenAt: new Date(now - lastSeenAgo).toISOString(),
    expiresAt: new Date(now - signedInAgo + 30 * DAY).toISOString(),
  });
  return [
    session("current", "Chrome 131", "macOS", 2 * HOUR, 0),
    session("phone", "Safari 18", "iOS", 3 * DAY, 5 * HOUR),
    session("laptop", "Firefox 133", "Windows", 9 * DAY, 2 * DAY),
    session("unknown", null, null, 20 * DAY, 20 * DAY),
  ];
}
