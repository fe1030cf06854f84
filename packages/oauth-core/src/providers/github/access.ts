import { UnsupportedError } from "../../errors.js";
import { contextFor } from "../../http.js";
import { assertJsonArray, assertJsonObject, readString } from "../../parse.js";
import type { OAuthProvider } from "../../provider.js";
import { apiGet } from "./api.js";

/**
 * Who may sign in, for {@link checkGitHubAccess}; a person passes if any list admits them. All
 * empty (or absent) admits everyone. Names compare case-insensitively.
 */
export interface GitHubAccessPolicy {
  /** Organization logins whose members are admitted (private memberships need `read:org`). */
  orgs?: readonly string[];
  /** Teams whose members are admitted, as `"org/team-slug"` (needs `read:org`). */
  teams?: readonly string[];
  /** User logins admitted by name. */
  users?: readonly string[];
}

/** What {@link checkGitHubAccess} decided, and which list admitted the person. */
export type GitHubAccessDecision =
  | {
      /** Admitted. */
      allowed: true;
      /**
       * Why: `open` (the policy lists nobody), `user` (listed by login), `org` or `team`
       * (a member of a listed one).
       */
      via: "open" | "user" | "org" | "team";
    }
  | {
      /** Not admitted by any list. */
      allowed: false;
    };

/** Organizations and teams can be long lists; GitHub caps a page at 100. */
const MAX_PAGES = 10;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Decides whether a GitHub user may sign in, from the token's own view of their
 * memberships. Private memberships are visible only with the `read:org` scope, so ask for it
 * whenever orgs or teams are listed. Reads `/user/orgs` and `/user/teams` only when needed
 * (at most 10 pages of 100 each), as idempotent reads.
 *
 * @param login - The person's GitHub login, from {@link fetchUser}'s `user.login`.
 * @throws {@link UnsupportedError} when `provider` is not a {@link github} provider.
 * @throws {@link ResponseError} (401 when the token was rejected), {@link NetworkError} or
 * {@link TimeoutError} when the membership lists cannot be read.
 */
export async function checkGitHubAccess(
  provider: OAuthProvider,
  accessToken: string,
  login: string,
  policy: GitHubAccessPolicy,
): Promise<GitHubAccessDecision> {
  if (provider.id !== "github" || !provider.apiUrl) {
    throw new UnsupportedError("GitHub access lists need the GitHub provider");
  }
  const { orgs = [], teams = [], users = [] } = policy;
  if (orgs.length + teams.length + users.length === 0) return { allowed: true, via: "open" };
  if (users.some((user) => same(user, login))) return { allowed: true, via: "user" };
  const ctx = contextFor(provider);
  if (orgs.length > 0) {
    const mine = await listAll(ctx, `${provider.apiUrl}/user/orgs`, accessToken, (entry, status) =>
      readString(entry, "login", status),
    );
    if (mine.some((org) => orgs.some((wanted) => same(org, wanted)))) {
      return { allowed: true, via: "org" };
    }
  }
  if (teams.length > 0) {
    const mine = await listAll(
      ctx,
      `${provider.apiUrl}/user/teams`,
      accessToken,
      (entry, status) => {
        const organization = entry.organization;
        assertJsonObject(organization, status, "a team's organization");
        return `${readString(organization, "login", status)}/${readString(entry, "slug", status)}`;
      },
    );
    if (mine.some((team) => teams.some((wanted) => same(team, wanted)))) {
      return { allowed: true, via: "team" };
    }
  }
  return { allowed: false };
}

async function listAll(
  ctx: ReturnType<typeof contextFor>,
  url: string,
  accessToken: string,
  pick: (entry: Record<string, unknown>, status: number) => string,
): Promise<string[]> {
  const found: string[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const response = await apiGet(ctx, `${url}?per_page=100&page=${page}`, accessToken);
    const body = response.json();
    assertJsonArray(body, response.status, "the list");
    for (const entry of body) {
      assertJsonObject(entry, response.status, "a list entry");
      found.push(pick(entry, response.status));
    }
    if (body.length < 100) break;
  }
  return found;
}
