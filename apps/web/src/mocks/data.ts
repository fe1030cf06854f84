import type { Me, NormalizedUser, Provider } from "../api";

export const octocat: NormalizedUser = {
  provider: "github",
  id: "583231",
  login: "octocat",
  name: "The Octocat",
  email: "octocat@github.example",
  avatarUrl: "https://avatars.githubusercontent.com/u/583231?v=4",
  profileUrl: "https://github.com/octocat",
};

export function sessionFor(user: NormalizedUser, now = Date.now()): Me {
  return {
    user,
    provider: user.provider,
    expiresAt: new Date(now + 8 * 60 * 60 * 1000).toISOString(),
  };
}

export const defaultProviders: readonly Provider[] = [
  { id: "github", name: "GitHub", loginUrl: "/auth/github/login" },
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
